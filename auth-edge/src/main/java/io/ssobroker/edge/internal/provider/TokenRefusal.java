package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;

/**
 * Why the token endpoint refused a request: the stable reason of its {@code token.failed} event and the OAuth 2.0
 * error (RFC 6749 5.2) the client gets. A code or refresh token that fails any check is spent all the same: one that
 * leaked is worth nothing to whoever holds it. The codes never change.
 */
enum TokenRefusal {
  MALFORMED_REQUEST("malformed_request", OAuth2Error.INVALID_REQUEST, "The token request is malformed."),
  UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", OAuth2Error.UNSUPPORTED_GRANT_TYPE,
      "Only the authorization_code and refresh_token grants are supported."),
  UNKNOWN_CLIENT("unknown_client", OAuth2Error.INVALID_CLIENT, "Client authentication failed."),
  CLIENT_AUTHENTICATION_FAILED("client_authentication_failed", OAuth2Error.INVALID_CLIENT,
      "Client authentication failed."),
  CLIENT_AUTHENTICATION_REQUIRED("client_authentication_required", OAuth2Error.INVALID_CLIENT,
      "A confidential client authenticates with client_secret_basic or client_secret_post."),
  PUBLIC_CLIENT_WITH_SECRET("public_client_with_secret", OAuth2Error.INVALID_CLIENT,
      "A public client has no secret; it proves the code with its PKCE verifier."),
  PUBLIC_CLIENT_NOT_ALLOWED("public_client_not_allowed", OAuth2Error.INVALID_CLIENT,
      "Only a confidential client, with its secret, may introspect tokens."),
  UNKNOWN_CODE("unknown_code", OAuth2Error.INVALID_GRANT, "The authorization code is invalid."),
  CODE_EXPIRED("code_expired", OAuth2Error.INVALID_GRANT, "The authorization code has expired."),
  CODE_REUSED("code_reused", OAuth2Error.INVALID_GRANT, "The authorization code was already used."),
  CLIENT_MISMATCH("client_mismatch", OAuth2Error.INVALID_GRANT,
      "The grant was issued to another client."),
  REDIRECT_URI_MISMATCH("redirect_uri_mismatch", OAuth2Error.INVALID_GRANT,
      "The redirect_uri differs from the one of the authorization request."),
  PKCE_VERIFIER_MISSING("pkce_verifier_missing", OAuth2Error.INVALID_GRANT,
      "The authorization request had a code_challenge: the code_verifier is required."),
  PKCE_VERIFIER_MISMATCH("pkce_verifier_mismatch", OAuth2Error.INVALID_GRANT,
      "The code_verifier does not match the code_challenge."),
  PKCE_VERIFIER_UNEXPECTED("pkce_verifier_unexpected", OAuth2Error.INVALID_GRANT,
      "The authorization request had no code_challenge, yet a code_verifier was sent."),
  SESSION_ENDED("session_ended", OAuth2Error.INVALID_GRANT,
      "The sign-in this grant was issued in has ended."),
  REFRESH_TOKENS_DISABLED("refresh_tokens_disabled", OAuth2Error.UNAUTHORIZED_CLIENT,
      "This client does not use refresh tokens."),
  UNKNOWN_REFRESH_TOKEN("unknown_refresh_token", OAuth2Error.INVALID_GRANT, "The refresh token is invalid."),
  REFRESH_TOKEN_EXPIRED("refresh_token_expired", OAuth2Error.INVALID_GRANT, "The refresh token has expired."),
  REFRESH_TOKEN_REVOKED("refresh_token_revoked", OAuth2Error.INVALID_GRANT, "The refresh token was revoked."),
  SCOPE_WIDENED("scope_widened", OAuth2Error.INVALID_SCOPE,
      "A refresh cannot ask for a scope beyond the one first granted."),
  REFRESH_TOKEN_REUSED("refresh_token_reused", OAuth2Error.INVALID_GRANT,
      "The refresh token was already used: every token of its family is revoked."),
  ORG_NOT_ALLOWED_FOR_CLIENT("org_not_allowed_for_client", OAuth2Error.INVALID_GRANT,
      "The user's organization is not allowed to use this application."),
  TOKEN_OF_OTHER_CLIENT("token_of_other_client", OAuth2Error.UNAUTHORIZED_CLIENT,
      "The token was issued to another client."),
  UNSUPPORTED_TOKEN_TYPE("unsupported_token_type", new ErrorObject("unsupported_token_type", null, 400),
      "A user's API key is revoked by its user, not by a product."),
  UNAVAILABLE("unavailable", OAuth2Error.TEMPORARILY_UNAVAILABLE.setHTTPStatusCode(503),
      "The service is temporarily unavailable; try again in a moment.");

  private final String code;
  private final ErrorObject error;
  private final String description;

  TokenRefusal(String code, ErrorObject error, String description) {
    this.code = code;
    this.error = error;
    this.description = description;
  }

  public String code() {
    return code;
  }

  public ErrorObject error() {
    return error.setDescription(description);
  }

  public boolean isClientAuthentication() {
    return OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode());
  }
}
