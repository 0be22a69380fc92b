package io.ssobroker.edge.web;

import io.ssobroker.platform.audit.LoginFailureCategory;

/** The plain-language hint shown with each failure: what happened, in words a user can act on. */
public final class LoginErrorHints {

  private LoginErrorHints() {}

  public static String hint(LoginFailureCategory category, String reason) {
    return switch (category) {
      case STATE_INVALID -> switch (reason) {
        case "expired" -> "The sign-in took too long and has expired. Please start again.";
        case "replayed" -> "This sign-in was already completed or used. Please start again.";
        case "other_browser" -> "The sign-in must finish in the same browser where it started. Please start again here.";
        case "unsolicited_response" -> "Sign-in must start from this product's sign-in page, not from your identity "
            + "provider's portal. Please start again here.";
        default -> "The sign-in could not be continued. Please start again from the sign-in page.";
      };
      case CODE_EXCHANGE_FAILED -> switch (reason) {
        case "access_denied" -> "Your organization's identity provider refused the sign-in. If you think you should "
            + "have access, contact your administrator.";
        case "invalid_client", "idp_misconfigured", "idp_issuer_mismatch", "connector_invalid" -> "The connection to "
            + "your organization's identity provider is not configured correctly. Please contact your administrator.";
        default -> "Your organization's identity provider could not be reached or did not answer correctly. Please "
            + "try again in a few minutes.";
      };
      case IDENTITY_EXTRACTION_FAILED -> switch (reason) {
        case "idp_status" -> "Your organization's identity provider did not complete the sign-in. Please try again; "
            + "if it happens again, contact your administrator with the reference below.";
        case "certificate_expired" -> "The certificate of your organization's identity provider has expired. Please "
            + "contact your administrator.";
        case "tenant_not_allowed" -> "You signed in with an account of a Microsoft directory that is not your "
            + "organization's. Sign in with your work account.";
        default -> "The answer from your organization's identity provider could not be verified. Please try again; "
            + "if it happens again, contact your administrator with the reference below.";
      };
      case EMAIL_VALIDATION_FAILED -> switch (reason) {
        case "email_not_verified" -> "Your email address is not verified at your identity provider. Verify it there, "
            + "then sign in again.";
        case "hosted_domain_mismatch" -> "This Google account does not belong to your organization's Google "
            + "Workspace. Sign in with your work account.";
        case "email_domain_not_verified" -> "Your identity provider has not verified that your organization owns "
            + "your email's domain. Please contact your administrator.";
        default -> "Your identity provider did not send a usable email address. Please contact your administrator.";
      };
      case USER_NOT_ALLOWED -> switch (reason) {
        case "unknown_user" -> "Your account does not exist in this product yet. Ask your administrator to add you.";
        case "org_mismatch" -> "Your account was created under a different organization. Your administrator must "
            + "change your account's default organization.";
        case "user_disabled" -> "Your account is disabled. Please contact your administrator.";
        default -> "This email address is not allowed to sign in through your organization's identity provider. "
            + "Please contact your administrator.";
      };
      case SESSION_CREATION_FAILED -> "saml_busy".equals(reason)
          ? "Too many sign-ins are being checked right now. Please try again in a moment."
          : "We could not complete your sign-in because a service is unavailable. Please try again in a few minutes.";
    };
  }
}
