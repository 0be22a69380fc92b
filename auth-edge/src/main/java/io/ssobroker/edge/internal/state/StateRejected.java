package io.ssobroker.edge.internal.state;

import io.ssobroker.edge.connector.LoginReason;

/** A state that cannot be used, with its reason: missing, malformed, tampered, unknown key, expired, other browser. */
public final class StateRejected extends RuntimeException {

  private final LoginReason reason;

  public StateRejected(LoginReason reason) {
    super(reason.code(), null, false, false);
    this.reason = reason;
  }

  public LoginReason reason() {
    return reason;
  }
}
