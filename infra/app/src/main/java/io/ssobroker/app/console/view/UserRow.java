package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonObject;

/** A user of the directory as the console lists them. */
public record UserRow(String id, String email, String name, String status, String role) {

  public static UserRow of(JsonObject user) {
    return new UserRow(user.getString("id"), user.getString("email"), user.getString("name", ""),
        user.getString("status"), user.getString("role", "member"));
  }

  /** Whether the user may sign in to the console through the broker as the admin of their org. */
  public boolean admin() {
    return "admin".equals(role);
  }

  public boolean active() {
    return "active".equals(status);
  }
}
