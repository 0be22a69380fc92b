package io.ssobroker.app.console.view;

import java.util.Optional;

/**
 * What every signed-in console page shows around its content: who is signed in, the token its forms carry, and
 * whether this broker runs the demo.
 *
 * @param org the org of an org admin or of a setup link; empty for a platform admin
 * @param setupLink whether the session was opened with a setup link, which sets up its org's connectors and domains
 *     and nothing else
 * @param scopes what the signed-in token may do, when it may not do everything
 */
public record Frame(String actorName, Optional<String> org, String csrfToken, boolean demo, boolean setupLink,
    Optional<String> scopes) {

  public boolean platformAdmin() {
    return org.isEmpty();
  }
}
