package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonObject;

/** A setup link as an org's admins see it: whom it is for, its state, and until when it works. */
public record SetupLinkRow(String id, String name, String state, String createdBy, String createdAt,
    String expiresAt, String usedAt) {

  public static SetupLinkRow of(JsonObject link) {
    return new SetupLinkRow(link.getString("id"), link.getString("name"), link.getString("state"),
        link.getString("createdBy"), link.getString("createdAt"), link.getString("expiresAt"),
        link.getString("usedAt", ""));
  }

  /** An unused link, or one whose session may still be open: revoking it still changes something. */
  public boolean revocable() {
    return state.equals("unused") || state.equals("in-use");
  }
}
