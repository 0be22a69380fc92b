package io.ssobroker.registry.admin;

import java.io.PrintStream;

/**
 * Shows the platform-admin token generated at first start, once, on the process's standard output: the one place a
 * secret is ever printed, on purpose and outside the logs (which may be shipped elsewhere). It is not stored in
 * clear anywhere; lose it and set {@code SSO_ADMIN_TOKEN} instead.
 */
public final class FirstStartBanner {

  private FirstStartBanner() {}

  public static void show(String token, PrintStream out) {
    out.println();
    out.println("================================================================================");
    out.println(" SSO broker first start: platform-admin token (shown once, stored only as a hash)");
    out.println();
    out.println("   " + token);
    out.println();
    out.println(" Use it as 'Authorization: Bearer <token>' on the admin port.");
    out.println("================================================================================");
    out.println();
    out.flush();
  }
}
