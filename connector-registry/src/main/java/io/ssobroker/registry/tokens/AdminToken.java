package io.ssobroker.registry.tokens;

import io.ssobroker.platform.admin.AdminScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An admin token as stored: never its value. {@code org} empty: a platform admin's token. {@code scopes} empty: a
 * token with every scope, as every token made before scopes existed is.
 */
public record AdminToken(UUID id, Optional<String> org, String name, Optional<Set<AdminScope>> scopes,
    Instant createdAt, Optional<Instant> revokedAt) {

  public AdminToken {
    scopes = scopes.map(Set::copyOf);
  }

  /** What the token may do. */
  public Set<AdminScope> grantedScopes() {
    return scopes.orElse(AdminScope.ALL);
  }

  /** As the API lists it and audit events record it: its scopes by name, in alphabetical order. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id.toString()).put("org", org.orElse(null)).put("name", name)
        .put("createdAt", createdAt.toString());
    revokedAt.ifPresent(at -> json.put("revokedAt", at.toString()));
    return json.put("scopes", new JsonArray(grantedScopes().stream().map(AdminScope::text).sorted().toList()));
  }
}
