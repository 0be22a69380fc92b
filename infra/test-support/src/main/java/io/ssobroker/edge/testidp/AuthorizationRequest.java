package io.ssobroker.edge.testidp;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One request received by the authorization endpoint, valid or not, exactly as sent. */
public final class AuthorizationRequest {

  private final String rawQuery;
  private final Map<String, List<String>> params;
  private final Instant receivedAt;

  AuthorizationRequest(String rawQuery, Map<String, List<String>> params, Instant receivedAt) {
    this.rawQuery = rawQuery;
    this.params = FormEncoding.unmodifiable(params);
    this.receivedAt = receivedAt;
  }

  /** The query string as received, still encoded; empty when there was none. */
  public String rawQuery() {
    return rawQuery;
  }

  /** All query parameters, decoded, each with every value it was given. */
  public Map<String, List<String>> params() {
    return params;
  }

  /** The first value of a query parameter, or null when absent. */
  public String param(String name) {
    return FormEncoding.first(params, name);
  }

  public String responseType() {
    return param("response_type");
  }

  public String clientId() {
    return param("client_id");
  }

  public String redirectUri() {
    return param("redirect_uri");
  }

  public String scope() {
    return param("scope");
  }

  public String state() {
    return param("state");
  }

  public String nonce() {
    return param("nonce");
  }

  public String codeChallenge() {
    return param("code_challenge");
  }

  public String codeChallengeMethod() {
    return param("code_challenge_method");
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  @Override
  public String toString() {
    return "AuthorizationRequest[" + params.keySet() + "]";
  }
}
