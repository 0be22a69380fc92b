package io.ssobroker.platform.audit;

/**
 * The six ways a login can fail (SPEC section 6). The codes never change; they are the enum names. Shared by the
 * edge (pages, HTTP status) and the audit stream.
 */
public enum LoginFailureCategory {
  STATE_INVALID(400, "Invalid authentication state"),
  CODE_EXCHANGE_FAILED(502, "Failed to exchange the authorization code"),
  IDENTITY_EXTRACTION_FAILED(502, "Failed to extract user's identity"),
  EMAIL_VALIDATION_FAILED(403, "Failed to validate user's email"),
  USER_NOT_ALLOWED(403, "This user is not allowed to login"),
  SESSION_CREATION_FAILED(503, "Failed to create user's session");

  private final int httpStatus;
  private final String title;

  LoginFailureCategory(int httpStatus, String title) {
    this.httpStatus = httpStatus;
    this.title = title;
  }

  public String code() {
    return name();
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String title() {
    return title;
  }
}
