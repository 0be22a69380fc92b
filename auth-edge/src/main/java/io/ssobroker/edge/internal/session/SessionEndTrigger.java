package io.ssobroker.edge.internal.session;

import java.util.Optional;

/** Why a broker session ended, as its audit event and its back-channel logouts name it. The codes never change. */
public enum SessionEndTrigger {
  /** The user signed out at the broker ({@code POST /logout}). */
  LOGOUT("logout"),
  /** The user signed out at a product, which sent the browser to the end-session endpoint. */
  PRODUCT_LOGOUT("product_logout"),
  /** An admin ended the user's sessions. */
  ADMIN("admin"),
  USER_DISABLED("user_disabled"),
  USER_DELETED("user_deleted"),
  USER_MOVED("user_moved"),
  USER_EMAIL_CHANGED("user_email_changed"),
  /** The directory changed the user (which change is named per session). */
  USER_CHANGED("user_changed"),
  /** The org's last connector was retired or deleted. */
  ORG_SSO_REMOVED("org_sso_removed");

  private final String code;

  SessionEndTrigger(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The user's own sign-out is a {@code logout} event; every other end a {@code session.ended}. */
  boolean isUserLogout() {
    return this == LOGOUT || this == PRODUCT_LOGOUT;
  }

  /** Which change of the user ended this session. */
  static SessionEndTrigger forChange(Session session, Optional<SessionEndings.CurrentUser> now) {
    if (now.isEmpty()) {
      return USER_DELETED;
    }
    if (!now.get().active()) {
      return USER_DISABLED;
    }
    return now.get().org().equals(session.org()) ? USER_EMAIL_CHANGED : USER_MOVED;
  }
}
