package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** A connector as an org's overview lists it: what it is, its state, and whether the connectors file owns it. */
public record ConnectorRow(String id, String displayName, String kind, String state, boolean fromFile,
    List<String> domains, String activateAt) {

  public static ConnectorRow of(JsonObject connector) {
    return new ConnectorRow(connector.getString("id"), connector.getString("displayName", ""),
        connector.getString("kind"), connector.getString("state"), "file".equals(connector.getString("source")),
        connector.getJsonArray("domains", new io.vertx.core.json.JsonArray()).stream().map(String::valueOf).toList(),
        connector.getString("activateAt"));
  }
}
