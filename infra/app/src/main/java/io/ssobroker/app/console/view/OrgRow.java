package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonObject;

/** An org as the console lists it. */
public record OrgRow(String slug, String name) {

  public static OrgRow of(JsonObject org) {
    return new OrgRow(org.getString("slug"), org.getString("name", org.getString("slug")));
  }
}
