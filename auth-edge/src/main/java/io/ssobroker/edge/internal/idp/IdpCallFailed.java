package io.ssobroker.edge.internal.idp;

import io.ssobroker.edge.connector.LoginReason;

/** An outbound call to an IdP that got no usable HTTP answer. */
public final class IdpCallFailed extends RuntimeException {

  /** Why the call got no answer. */
  public enum Kind { TIMEOUT, UNREACHABLE, TOO_LARGE, CIRCUIT_OPEN }

  private final Kind kind;

  public IdpCallFailed(Kind kind, String detail) {
    super(kind.name().toLowerCase() + ": " + detail, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The reason of a login whose IdP description (OIDC discovery, SAML metadata) could not be fetched. */
  public LoginReason atDiscovery() {
    return switch (kind) {
      case TIMEOUT -> LoginReason.IDP_TIMEOUT;
      case UNREACHABLE -> LoginReason.IDP_UNREACHABLE;
      case TOO_LARGE -> LoginReason.IDP_TOO_LARGE;
      case CIRCUIT_OPEN -> LoginReason.IDP_CIRCUIT_OPEN;
    };
  }

  /** The reason of a login whose token request got no usable answer; an answer too large is a bad one. */
  public LoginReason atTokenEndpoint() {
    return switch (kind) {
      case TIMEOUT -> LoginReason.TIMEOUT;
      case UNREACHABLE -> LoginReason.UNREACHABLE;
      case TOO_LARGE -> LoginReason.BAD_TOKEN_RESPONSE;
      case CIRCUIT_OPEN -> LoginReason.CIRCUIT_OPEN;
    };
  }
}
