package io.ssobroker.edge.web;

import io.ssobroker.edge.connector.LoginReason;

/** The plain-language hint shown with each failure: what happened, in words a user can act on. */
public final class LoginErrorHints {

  private LoginErrorHints() {}

  public static String hint(LoginReason reason) {
    return text(reason.hint());
  }

  static String text(LoginReason.Hint hint) {
    return switch (hint) {
      case START_AGAIN -> "The sign-in could not be continued. Please start again from the sign-in page.";
      case LOGIN_EXPIRED -> "The sign-in took too long and has expired. Please start again.";
      case ALREADY_USED -> "This sign-in was already completed or used. Please start again.";
      case OTHER_BROWSER -> "The sign-in must finish in the same browser where it started. Please start again here.";
      case START_AT_PRODUCT -> "Sign-in must start from this product's sign-in page, not from your identity provider's "
          + "portal. Please start again here.";
      case IDP_REFUSED -> "Your organization's identity provider refused the sign-in. If you think you should have "
          + "access, contact your administrator.";
      case MISCONFIGURED -> "The connection to your organization's identity provider is not configured correctly. "
          + "Please contact your administrator.";
      case IDP_UNAVAILABLE -> "Your organization's identity provider could not be reached or did not answer correctly. "
          + "Please try again in a few minutes.";
      case UNVERIFIABLE -> "The answer from your organization's identity provider could not be verified. Please try "
          + "again; if it happens again, contact your administrator with the reference below.";
      case IDP_DID_NOT_COMPLETE -> "Your organization's identity provider did not complete the sign-in. Please try "
          + "again; if it happens again, contact your administrator with the reference below.";
      case CERTIFICATE_EXPIRED -> "The certificate of your organization's identity provider has expired. Please "
          + "contact your administrator.";
      case FOREIGN_DIRECTORY -> "You signed in with an account of a Microsoft directory that is not your "
          + "organization's. Sign in with your work account.";
      case NO_USABLE_EMAIL -> "Your identity provider did not send a usable email address. Please contact your "
          + "administrator.";
      case EMAIL_NOT_VERIFIED -> "Your email address is not verified at your identity provider. Verify it there, then "
          + "sign in again.";
      case NOT_THE_WORKSPACE -> "This Google account does not belong to your organization's Google Workspace. Sign in "
          + "with your work account.";
      case DOMAIN_OWNER_NOT_VERIFIED -> "Your identity provider has not verified that your organization owns your "
          + "email's domain. Please contact your administrator.";
      case EMAIL_NOT_ALLOWED -> "This email address is not allowed to sign in through your organization's identity "
          + "provider. Please contact your administrator.";
      case NOT_ADDED -> "Your account does not exist in this product yet. Ask your administrator to add you.";
      case OTHER_ORG -> "Your account was created under a different organization. Your administrator must change "
          + "your account's default organization.";
      case DISABLED -> "Your account is disabled. Please contact your administrator.";
      case NO_ACCESS_TO_PRODUCT -> "Your organization does not have access to this application. If you think it "
          + "should, contact your administrator.";
      case SERVICE_UNAVAILABLE -> "We could not complete your sign-in because a service is unavailable. Please try "
          + "again in a few minutes.";
      case BUSY -> "Too many sign-ins are being checked right now. Please try again in a moment.";
    };
  }
}
