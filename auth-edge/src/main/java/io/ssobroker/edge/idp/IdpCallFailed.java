package io.ssobroker.edge.idp;

/** An outbound call to an IdP that got no usable HTTP answer: timeout, unreachable, too_large or circuit_open. */
public final class IdpCallFailed extends RuntimeException {

  private final String reason;

  public IdpCallFailed(String reason, String detail) {
    super(reason + ": " + detail, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
