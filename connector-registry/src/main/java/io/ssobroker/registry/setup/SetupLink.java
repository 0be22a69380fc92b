package io.ssobroker.registry.setup;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A setup link as stored: never its secret, nor the hash of the console session that opened it. */
public record SetupLink(UUID id, String org, String name, String createdBy, Instant createdAt, Instant expiresAt,
    Optional<Instant> usedAt, Optional<Instant> revokedAt) {

  /** As the admin API answers it at {@code now}, which decides whether it has expired. */
  public JsonObject toJson(Instant now) {
    String state = revokedAt.isPresent() ? "revoked" : !now.isBefore(expiresAt) ? "expired"
        : usedAt.isPresent() ? "in-use" : "unused";
    JsonObject json = new JsonObject().put("id", id.toString()).put("org", org).put("name", name)
        .put("createdBy", createdBy).put("createdAt", createdAt.toString()).put("expiresAt", expiresAt.toString())
        .put("state", state);
    usedAt.ifPresent(at -> json.put("usedAt", at.toString()));
    revokedAt.ifPresent(at -> json.put("revokedAt", at.toString()));
    return json;
  }
}
