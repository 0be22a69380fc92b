package io.ssobroker.directory;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An API key as listings and audit events show it: never the key, only its hint. */
record ApiKey(UUID id, String name, String hint, Instant createdAt, Optional<Instant> expiresAt,
    Optional<Instant> revokedAt) {

  boolean expiredAt(Instant now) {
    return expiresAt.map(expires -> !expires.isAfter(now)).orElse(false);
  }

  JsonObject toJson() {
    JsonObject key = new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("hint", hint)
        .put("createdAt", createdAt.toString())
        .put("expiresAt", expiresAt.map(Instant::toString).orElse(null));
    revokedAt.ifPresent(revoked -> key.put("revokedAt", revoked.toString()));
    return key;
  }
}
