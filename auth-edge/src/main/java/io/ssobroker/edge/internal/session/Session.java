package io.ssobroker.edge.internal.session;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A logged-in user, as GET /session shows it (SPEC section 5), and the session's id that the tokens issued in it name
 * ({@code sid}; never the cookie, which only its holder knows).
 */
public record Session(
    UUID sid, UUID userId, String email, String name, String org, UUID connectorId, String kind,
    Instant authenticatedAt, Instant expiresAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("userId", userId.toString())
        .put("email", email)
        .put("name", name)
        .put("org", org)
        .put("connectorId", connectorId.toString())
        .put("kind", kind)
        .put("authenticatedAt", authenticatedAt.toString())
        .put("expiresAt", expiresAt.toString());
  }
}
