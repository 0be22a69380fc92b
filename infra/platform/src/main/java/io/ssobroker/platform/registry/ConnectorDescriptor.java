package io.ssobroker.platform.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * A connector as the registry hands it to the edge. {@code parameters} holds the kind-specific settings (tenant,
 * client id, discovery URL, ...) that the edge opens into the typed configuration of that kind.
 */
public record ConnectorDescriptor(
    UUID id,
    String org,
    String kind,
    String displayName,
    ConnectorState state,
    List<String> domains,
    String emailPattern,
    JsonObject parameters,
    JsonObject claimMapping) {

  public ConnectorDescriptor {
    domains = List.copyOf(domains);
    parameters = parameters.copy();
    claimMapping = claimMapping.copy();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("org", org)
        .put("kind", kind)
        .put("displayName", displayName)
        .put("state", state.value())
        .put("domains", new JsonArray(domains))
        .put("emailPattern", emailPattern)
        .put("parameters", parameters)
        .put("claimMapping", claimMapping);
  }

  public static ConnectorDescriptor fromJson(JsonObject json) {
    return new ConnectorDescriptor(
        UUID.fromString(json.getString("id")),
        json.getString("org"),
        json.getString("kind"),
        json.getString("displayName"),
        ConnectorState.parse(json.getString("state")).orElseThrow(),
        json.getJsonArray("domains", new JsonArray()).stream().map(String::valueOf).toList(),
        json.getString("emailPattern"),
        json.getJsonObject("parameters", new JsonObject()),
        json.getJsonObject("claimMapping", new JsonObject()));
  }
}
