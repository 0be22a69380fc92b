package io.ssobroker.directory;

import io.ssobroker.directory.ApiKeyRequests.CreatedApiKey;
import io.ssobroker.directory.ApiKeyRequests.Introspection;
import io.ssobroker.directory.ApiKeyRequests.KeyRevocation;
import io.ssobroker.directory.ApiKeyRequests.NewApiKey;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * API keys over the event bus: a signed-in user's own keys, asked by the edge ({@code {"userId", "org", "body",
 * "client"}}), and introspection by the products' backends and the admin API; each request checked into a request
 * record for {@link ApiKeyService}, its answer written as JSON.
 */
final class ApiKeyHandlers {

  private static final Set<String> CREATE_FIELDS = Set.of("name", "expiresAt");
  private static final int MAX_NAME = 100;
  private static final String DATE_TIME = "must be an RFC 3339 date-time such as 2027-01-31T00:00:00Z";

  private final ApiKeyService keys;
  private final Clock clock;

  ApiKeyHandlers(ApiKeyService keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** {@code body}: {@code {"name", "expiresAt"?}}; the answer holds the key, once. */
  Future<JsonObject> create(JsonObject request) {
    UUID userId = userId(request);
    JsonObject body = request.getJsonObject("body", new JsonObject());
    for (String field : body.fieldNames()) {
      if (!CREATE_FIELDS.contains(field)) {
        throw ServiceException.invalid(field, "unknown field (expected name, expiresAt)");
      }
    }
    NewApiKey key = new NewApiKey(userId, request.getString("org"), name(body.getValue("name")),
        expiry(body.getValue("expiresAt")), ClientInfo.fromJson(request.getJsonObject("client")));
    return keys.create(key).map(ApiKeyHandlers::created);
  }

  Future<JsonObject> list(JsonObject request) {
    return keys.list(userId(request)).map(listed -> {
      JsonArray items = new JsonArray();
      listed.forEach(key -> items.add(key.key().toJson().put("active", key.active())));
      return new JsonObject().put("items", items);
    });
  }

  Future<JsonObject> revoke(JsonObject request) {
    UUID userId = userId(request);
    KeyRevocation revocation = new KeyRevocation(userId, request.getString("org"), keyId(request.getString("id")),
        ClientInfo.fromJson(request.getJsonObject("client")));
    return keys.revoke(revocation).map(revoked -> new JsonObject());
  }

  /** For the products' backends, trusted with every org's keys. */
  Future<JsonObject> introspectForBackend(JsonObject body) {
    return introspect(body, org -> true);
  }

  /** For the admin API: an org admin learns of its own org's keys only. */
  Future<JsonObject> introspectForAdmin(AdminRequest request) {
    return introspect(request.body(), request.actor()::mayAccess);
  }

  /**
   * {@code {"active": true, "userId", "org", "expiresAt"}}, or only {@code {"active": false}} for a key that is
   * unknown, revoked, expired, of a disabled user, or of an org the caller may not learn of.
   */
  private Future<JsonObject> introspect(JsonObject body, Predicate<String> orgVisible) {
    for (String field : body.fieldNames()) {
      if (!field.equals("key")) {
        throw ServiceException.invalid(field, "unknown field (expected key)");
      }
    }
    if (!(body.getValue("key") instanceof String key) || key.isEmpty()) {
      throw ServiceException.invalid("key", "required");
    }
    return keys.introspect(key, orgVisible).map(ApiKeyHandlers::introspection);
  }

  private static JsonObject introspection(Introspection introspection) {
    return introspection.holder().map(holder -> new JsonObject().put("active", true)
            .put("userId", holder.userId().toString()).put("org", holder.org())
            .put("expiresAt", holder.expiresAt().map(Instant::toString).orElse(null)))
        .orElse(new JsonObject().put("active", false));
  }

  private static JsonObject created(CreatedApiKey created) {
    ApiKey stored = created.stored();
    return new JsonObject()
        .put("id", stored.id().toString())
        .put("name", stored.name())
        .put("key", created.key())
        .put("hint", stored.hint())
        .put("createdAt", stored.createdAt().toString())
        .put("expiresAt", stored.expiresAt().map(Instant::toString).orElse(null));
  }

  private static String name(Object value) {
    if (value == null) {
      throw ServiceException.invalid("name", "required");
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw ServiceException.invalid("name", "must be a non-empty string");
    }
    String name = text.strip();
    if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      throw ServiceException.invalid("name", "at most " + MAX_NAME + " characters, no control characters");
    }
    return name;
  }

  private Optional<Instant> expiry(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw ServiceException.invalid("expiresAt", DATE_TIME);
    }
    Instant expiresAt;
    try {
      expiresAt = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException malformed) {
      throw ServiceException.invalid("expiresAt", DATE_TIME);
    }
    if (!expiresAt.isAfter(clock.instant())) {
      throw ServiceException.invalid("expiresAt", "must be in the future");
    }
    return Optional.of(expiresAt);
  }

  /** The signed-in user the edge asks for; a malformed id names nobody. */
  private static UUID userId(JsonObject request) {
    try {
      return UUID.fromString(request.getString("userId"));
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      throw ServiceException.notFound("no user with that id");
    }
  }

  private static UUID keyId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      throw ApiKeyService.noSuchKey();
    }
  }
}
