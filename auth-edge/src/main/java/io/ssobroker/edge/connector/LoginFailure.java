package io.ssobroker.edge.connector;

import io.ssobroker.platform.audit.LoginFailureCategory;

/**
 * Why a login failed: one of the six categories and a stable reason. Expected, so no stack trace. {@code email} and
 * {@code subject} are what was known about the user when it failed, for the audit event.
 */
public final class LoginFailure extends RuntimeException {

  private final LoginFailureCategory category;
  private final String reason;

  public LoginFailure(LoginFailureCategory category, String reason) {
    super(category.code() + "/" + reason, null, false, false);
    this.category = category;
    this.reason = reason;
  }

  public LoginFailure(LoginFailureCategory category, String reason, Throwable cause) {
    super(category.code() + "/" + reason, cause, false, false);
    this.category = category;
    this.reason = reason;
  }

  public LoginFailureCategory category() {
    return category;
  }

  public String reason() {
    return reason;
  }

  public static LoginFailure codeExchange(String reason) {
    return new LoginFailure(LoginFailureCategory.CODE_EXCHANGE_FAILED, reason);
  }

  public static LoginFailure codeExchange(String reason, Throwable cause) {
    return new LoginFailure(LoginFailureCategory.CODE_EXCHANGE_FAILED, reason, cause);
  }

  public static LoginFailure identity(String reason) {
    return new LoginFailure(LoginFailureCategory.IDENTITY_EXTRACTION_FAILED, reason);
  }

  public static LoginFailure email(String reason) {
    return new LoginFailure(LoginFailureCategory.EMAIL_VALIDATION_FAILED, reason);
  }

  public static LoginFailure userNotAllowed(String reason) {
    return new LoginFailure(LoginFailureCategory.USER_NOT_ALLOWED, reason);
  }

  public static LoginFailure state(String reason) {
    return new LoginFailure(LoginFailureCategory.STATE_INVALID, reason);
  }

  public static LoginFailure session(String reason, Throwable cause) {
    return new LoginFailure(LoginFailureCategory.SESSION_CREATION_FAILED, reason, cause);
  }

  public static LoginFailure session(String reason) {
    return new LoginFailure(LoginFailureCategory.SESSION_CREATION_FAILED, reason);
  }
}
