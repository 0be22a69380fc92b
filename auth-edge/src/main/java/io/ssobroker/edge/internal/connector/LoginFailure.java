package io.ssobroker.edge.internal.connector;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.platform.audit.LoginFailureCategory;
import java.util.Optional;

/**
 * A login step that failed, with its reason from the catalogue. Expected, so no stack trace; a cause is kept only where
 * an operator may need it (logged, never shown). {@code subject} and {@code email} are what the IdP had said about the
 * user when it failed, for the audit event.
 */
public final class LoginFailure extends RuntimeException {

  private final LoginReason reason;
  private final Optional<String> subject;
  private final Optional<String> email;

  private LoginFailure(LoginReason reason, Throwable cause, Optional<String> subject, Optional<String> email) {
    super(reason.category().code() + "/" + reason.code(), cause, false, false);
    this.reason = reason;
    this.subject = subject;
    this.email = email;
  }

  public static LoginFailure of(LoginReason reason) {
    return new LoginFailure(reason, null, Optional.empty(), Optional.empty());
  }

  /** With the cause an operator may need (logged at WARN with the reference, never shown to the user). */
  public static LoginFailure of(LoginReason reason, Throwable cause) {
    return new LoginFailure(reason, cause, Optional.empty(), Optional.empty());
  }

  /** The same failure, knowing whom the IdP named. */
  public LoginFailure about(String subject, String email) {
    return new LoginFailure(reason, getCause(), Optional.ofNullable(subject).or(() -> this.subject),
        Optional.ofNullable(email).or(() -> this.email));
  }

  public LoginReason reason() {
    return reason;
  }

  public LoginFailureCategory category() {
    return reason.category();
  }

  public Optional<String> subject() {
    return subject;
  }

  public Optional<String> email() {
    return email;
  }
}
