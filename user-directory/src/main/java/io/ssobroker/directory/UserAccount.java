package io.ssobroker.directory;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** A user as the admin API shows them. */
record UserAccount(UUID id, String email, String name, String org, String status, String role, Instant createdAt,
    Instant updatedAt) {

  boolean disabled() {
    return "disabled".equals(status);
  }

  ApiKeyOwner asKeyOwner() {
    return new ApiKeyOwner(id, email, org);
  }

  /** How audit events name the user. */
  String target() {
    return "user " + id + " (" + email + ")";
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("name", name)
        .put("org", org)
        .put("status", status)
        .put("role", role)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }
}
