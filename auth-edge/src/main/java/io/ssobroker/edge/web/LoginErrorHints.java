package io.ssobroker.edge.web;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.web.LoginErrorTexts;

/** The plain-language hint for a failed login's reason, in words a user can act on, as the hosted pages say it. */
public final class LoginErrorHints {

  private LoginErrorHints() {}

  /** The hint in English, as the console and JSON answers show it. */
  public static String hint(LoginReason reason) {
    return LoginErrorTexts.english(reason);
  }
}
