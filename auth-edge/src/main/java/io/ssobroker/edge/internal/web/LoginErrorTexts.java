package io.ssobroker.edge.internal.web;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.platform.audit.LoginFailureCategory;
import java.util.Locale;

/**
 * What a failed login's page says: its category's title, and the plain-language hint for its reason, in words a user
 * can act on ({@code category.<CODE>} and {@code hint.<hint>} of the pages' bundles).
 */
public final class LoginErrorTexts {

  private LoginErrorTexts() {}

  /** The hint in English, as the console and JSON answers show it. */
  public static String english(LoginReason reason) {
    return hint(Texts.ENGLISH, reason);
  }

  static String hint(Texts texts, LoginReason reason) {
    return texts.text(key(reason.hint()));
  }

  static String key(LoginReason.Hint hint) {
    return "hint." + hint.name().toLowerCase(Locale.ROOT);
  }

  /** The category's title (SPEC section 6) in this language. */
  static String title(Texts texts, LoginFailureCategory category) {
    return texts.text(titleKey(category));
  }

  static String titleKey(LoginFailureCategory category) {
    return "category." + category.code();
  }
}
