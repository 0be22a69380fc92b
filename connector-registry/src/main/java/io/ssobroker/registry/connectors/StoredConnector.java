package io.ssobroker.registry.connectors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A connector as the admin API shows it: its secret never, only whether one is set. {@code domains} are all it
 * names, verified or not.
 */
public record StoredConnector(UUID id, String org, String kind, String displayName, String state, String source,
    List<String> domains, String emailPattern, JsonObject claimMapping, JsonObject parameters, boolean clientSecretSet,
    Optional<LocalDate> clientSecretExpiresAt, Optional<LocalDate> certificateExpiresAt, Instant createdAt,
    Instant updatedAt) {

  public boolean fromFile() {
    return "file".equals(source);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("org", org)
        .put("kind", kind)
        .put("displayName", displayName)
        .put("state", state)
        .put("source", source)
        .put("domains", new JsonArray(List.copyOf(domains)))
        .put("emailPattern", emailPattern)
        .put("claimMapping", claimMapping)
        .put("parameters", parameters)
        .put("clientSecretSet", clientSecretSet)
        .put("clientSecretExpiresAt", clientSecretExpiresAt.map(LocalDate::toString).orElse(null))
        .put("certificateExpiresAt", certificateExpiresAt.map(LocalDate::toString).orElse(null))
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }
}
