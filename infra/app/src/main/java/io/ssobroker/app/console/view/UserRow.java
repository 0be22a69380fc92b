package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonObject;

/** A user of the directory as the console lists them. */
public record UserRow(String id, String email, String name, String status) {

  public static UserRow of(JsonObject user) {
    return new UserRow(user.getString("id"), user.getString("email"), user.getString("name", ""),
        user.getString("status"));
  }

  public boolean active() {
    return "active".equals(status);
  }
}
