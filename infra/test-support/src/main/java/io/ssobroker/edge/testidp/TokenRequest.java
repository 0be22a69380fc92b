package io.ssobroker.edge.testidp;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One request received by the token endpoint, valid or not, exactly as sent. */
public final class TokenRequest {

  private final String rawBody;
  private final Map<String, List<String>> form;
  private final String authorization;
  private final String contentType;
  private final Instant receivedAt;

  TokenRequest(String rawBody, Map<String, List<String>> form, String authorization,
      String contentType, Instant receivedAt) {
    this.rawBody = rawBody;
    this.form = FormEncoding.unmodifiable(form);
    this.authorization = authorization;
    this.contentType = contentType;
    this.receivedAt = receivedAt;
  }

  /** The body as received, still encoded. */
  public String rawBody() {
    return rawBody;
  }

  /** All form fields, decoded, each with every value it was given; empty when the body was not a form. */
  public Map<String, List<String>> form() {
    return form;
  }

  /** The first value of a form field, or null when absent. */
  public String param(String name) {
    return FormEncoding.first(form, name);
  }

  /** The {@code Authorization} header, or null when absent. */
  public String authorization() {
    return authorization;
  }

  /** The {@code Content-Type} header, or null when absent. */
  public String contentType() {
    return contentType;
  }

  public String grantType() {
    return param("grant_type");
  }

  public String code() {
    return param("code");
  }

  public String redirectUri() {
    return param("redirect_uri");
  }

  public String codeVerifier() {
    return param("code_verifier");
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  @Override
  public String toString() {
    return "TokenRequest[" + form.keySet() + ", authorization=" + (authorization != null) + "]";
  }
}
