package io.ssobroker.edge.testidp;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** An error answer of the token endpoint (RFC 6749 5.2); cheap, it carries no stack trace. */
final class OAuthError extends RuntimeException {

  private final int status;
  private final String error;
  private final boolean basicChallenge;

  private OAuthError(int status, String error, String description, boolean basicChallenge) {
    super(description, null, false, false);
    this.status = status;
    this.error = error;
    this.basicChallenge = basicChallenge;
  }

  static OAuthError invalidRequest(String description) {
    return new OAuthError(400, "invalid_request", description, false);
  }

  static OAuthError invalidGrant(String description) {
    return new OAuthError(400, "invalid_grant", description, false);
  }

  static OAuthError unsupportedGrantType(String description) {
    return new OAuthError(400, "unsupported_grant_type", description, false);
  }

  /** 401; with a Basic challenge when the client tried HTTP Basic. */
  static OAuthError invalidClient(boolean triedBasic, String description) {
    return new OAuthError(401, "invalid_client", description, triedBasic);
  }

  TokenAnswer toAnswer() {
    JsonObject body = new JsonObject().put("error", error).put("error_description", getMessage());
    return basicChallenge
        ? TokenAnswer.json(status, body, Map.of("WWW-Authenticate", "Basic realm=\"test-idp\""))
        : TokenAnswer.json(status, body);
  }
}
