package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonObject;

/** A connector whose client secret or SAML certificate expires soon. */
public record ExpiringRow(String id, String org, String kind, String displayName, String credential,
    String expiresAt, long daysLeft) {

  public static ExpiringRow of(JsonObject connector) {
    return new ExpiringRow(connector.getString("id"), connector.getString("org"), connector.getString("kind"),
        connector.getString("displayName", ""), "clientSecret".equals(connector.getString("credential"))
            ? "client secret" : "SAML certificate", connector.getString("expiresAt"),
        connector.getLong("daysLeft", 0L));
  }
}
