package io.ssobroker.app.demo;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A person of the demo: what the demo IdP says about them, and whether the directory knows them.
 *
 * @param status the directory's status, or null when the directory does not know them (their sign-in fails)
 * @param outcome what signing in as them shows, in the IdP's list and the banner
 */
record DemoUser(String email, String name, String status, String outcome) {

  static final String ORG = "demo";
  static final String DOMAIN = "demo.example";

  static final List<DemoUser> ALL = List.of(
      new DemoUser("alice@" + DOMAIN, "Alice Example", "active", "signs in"),
      new DemoUser("bob@" + DOMAIN, "Bob Example", "active", "signs in"),
      new DemoUser("carol@" + DOMAIN, "Carol Example", "disabled", "is refused: disabled in the directory"),
      new DemoUser("mallory@" + DOMAIN, "Mallory Example", null, "is refused: not in the directory"));

  boolean inDirectory() {
    return status != null;
  }

  /** A line of the users file. */
  JsonObject directoryEntry() {
    return new JsonObject().put("email", email).put("name", name).put("org", ORG).put("status", status);
  }

  /** What the IdP asserts after its login form, as the claims of the ID token. */
  JsonObject claims() {
    return new JsonObject().put("email", email).put("email_verified", true).put("name", name);
  }
}
