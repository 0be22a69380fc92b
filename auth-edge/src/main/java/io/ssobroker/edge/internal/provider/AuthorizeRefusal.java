package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.openid.connect.sdk.OIDCError;
import java.net.URI;

/**
 * Why the authorization endpoint refused a product's request: the stable reason of its {@code authorize.failed} event,
 * the OAuth 2.0 error the client gets, and whether the client may be told at its redirect URI. A request whose client
 * or redirect URI is not one the broker knows is never redirected anywhere (RFC 6749 4.1.2.1): the browser sees an
 * error page instead. The codes never change.
 */
public enum AuthorizeRefusal {
  UNKNOWN_CLIENT("unknown_client", OAuth2Error.INVALID_CLIENT, false,
      "The application that sent you here is not registered with this sign-in service."),
  MISSING_REDIRECT_URI("missing_redirect_uri", OAuth2Error.INVALID_REQUEST, false,
      "The application's sign-in request names no redirect_uri."),
  REDIRECT_URI_NOT_REGISTERED("redirect_uri_not_registered", OAuth2Error.INVALID_REQUEST, false,
      "The application asked to be answered at an address it has not registered."),
  DUPLICATE_PARAMETER("duplicate_parameter", OAuth2Error.INVALID_REQUEST, true,
      "A parameter of the request is given more than once."),
  MALFORMED_REQUEST("malformed_request", OAuth2Error.INVALID_REQUEST, true, "The request is not a valid OpenID "
      + "Connect authentication request."),
  UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", OAuth2Error.UNSUPPORTED_RESPONSE_TYPE, true,
      "Only response_type=code is supported."),
  UNSUPPORTED_RESPONSE_MODE("unsupported_response_mode", OAuth2Error.INVALID_REQUEST, true,
      "Only response_mode=query is supported."),
  OPENID_SCOPE_MISSING("openid_scope_missing", OAuth2Error.INVALID_SCOPE, true,
      "The scope must include openid."),
  PKCE_REQUIRED("pkce_required", OAuth2Error.INVALID_REQUEST, true,
      "A public client must send a PKCE code_challenge with code_challenge_method=S256."),
  PKCE_METHOD_NOT_SUPPORTED("pkce_method_not_supported", OAuth2Error.INVALID_REQUEST, true,
      "Only code_challenge_method=S256 is accepted."),
  REQUEST_OBJECT_NOT_SUPPORTED("request_object_not_supported", OAuth2Error.REQUEST_NOT_SUPPORTED, true,
      "The request parameter is not supported."),
  REQUEST_URI_NOT_SUPPORTED("request_uri_not_supported", OAuth2Error.REQUEST_URI_NOT_SUPPORTED, true,
      "The request_uri parameter is not supported."),
  PARAMETER_TOO_LONG("parameter_too_long", OAuth2Error.INVALID_REQUEST, true,
      "state, nonce, login_hint and code_challenge are limited to 512 characters."),
  LOGIN_REQUIRED("login_required", OIDCError.LOGIN_REQUIRED, true,
      "prompt=none was requested and the browser has no broker session that satisfies the request."),
  ORG_NOT_ALLOWED_FOR_CLIENT("org_not_allowed_for_client", OAuth2Error.ACCESS_DENIED, true,
      "The user's organization is not allowed to use this application.");

  private final String code;
  private final ErrorObject error;
  private final boolean redirectsToClient;
  private final String description;

  AuthorizeRefusal(String code, ErrorObject error, boolean redirectsToClient, String description) {
    this.code = code;
    this.error = error;
    this.redirectsToClient = redirectsToClient;
    this.description = description;
  }

  /** The stable reason of the {@code authorize.failed} event. */
  public String code() {
    return code;
  }

  /** The error the client gets: the OAuth 2.0 code, and a description for its developers. */
  public ErrorObject error() {
    return error.setDescription(description);
  }

  /** Whether the client's redirect URI is known good, so the client may be told there. */
  public boolean redirectsToClient() {
    return redirectsToClient;
  }

  public String description() {
    return description;
  }
}
