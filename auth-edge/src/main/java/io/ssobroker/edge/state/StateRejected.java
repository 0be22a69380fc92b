package io.ssobroker.edge.state;

/** A state that cannot be used, with the stable reason: missing, malformed, tampered, unknown_key, expired, other_browser. */
public final class StateRejected extends RuntimeException {

  private final String reason;

  public StateRejected(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
