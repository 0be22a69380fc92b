package io.ssobroker.platform.registry;

import io.ssobroker.platform.Secret;
import io.ssobroker.platform.connector.ClaimMapping;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.ConnectorSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A connector as the registry hands it to the edge. {@code parameters} holds the kind-specific settings without the
 * secret; the client secret travels beside them and never prints.
 */
public record ConnectorDescriptor(
    UUID id,
    String org,
    ConnectorKind kind,
    String displayName,
    ConnectorState state,
    List<String> domains,
    String emailPattern,
    ClaimMapping claimMapping,
    JsonObject parameters,
    Optional<Secret> clientSecret,
    List<String> testers) {

  public ConnectorDescriptor {
    domains = List.copyOf(domains);
    parameters = parameters.copy();
    testers = List.copyOf(testers);
  }

  /** A testing connector lets these emails in (compared normalized), and nobody else. */
  public boolean admitsTester(String email) {
    return testers.contains(email);
  }

  /** The typed settings of this connector's kind. */
  public ConnectorSettings settings() {
    return ConnectorDefinition.openSettings(kind, parameters, clientSecret.map(Secret::value));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("org", org)
        .put("kind", kind.value())
        .put("displayName", displayName)
        .put("state", state.value())
        .put("domains", new JsonArray(domains))
        .put("emailPattern", emailPattern)
        .put("claimMapping", claimMapping.toJson())
        .put("parameters", parameters);
    clientSecret.ifPresent(secret -> json.put("clientSecret", secret.value()));
    if (!testers.isEmpty()) {
      json.put("testers", new JsonArray(testers));
    }
    return json;
  }

  public static ConnectorDescriptor fromJson(JsonObject json) {
    return new ConnectorDescriptor(
        UUID.fromString(json.getString("id")),
        json.getString("org"),
        ConnectorKind.parse(json.getString("kind")).orElseThrow(),
        json.getString("displayName"),
        ConnectorState.parse(json.getString("state")).orElseThrow(),
        json.getJsonArray("domains", new JsonArray()).stream().map(String::valueOf).toList(),
        json.getString("emailPattern"),
        ClaimMapping.fromJson(json.getJsonObject("claimMapping")),
        json.getJsonObject("parameters", new JsonObject()),
        Optional.ofNullable(json.getString("clientSecret")).map(Secret::new),
        json.getJsonArray("testers", new JsonArray()).stream().map(String::valueOf).toList());
  }
}
