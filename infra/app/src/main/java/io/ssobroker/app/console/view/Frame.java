package io.ssobroker.app.console.view;

import java.util.Optional;

/**
 * What every signed-in console page shows around its content: who is signed in, the token its forms carry, and
 * whether this broker runs the demo.
 *
 * @param org the org of an org admin; empty for a platform admin
 */
public record Frame(String actorName, Optional<String> org, String csrfToken, boolean demo) {

  public boolean platformAdmin() {
    return org.isEmpty();
  }
}
