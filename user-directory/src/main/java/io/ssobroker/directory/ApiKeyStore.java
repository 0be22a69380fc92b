package io.ssobroker.directory;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.directory.UserStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * API keys of SSO users (SPEC section 9). A key is shown once, when it is created; only its SHA-256 hash is kept
 * (a key has 256 random bits, so a fast unsalted hash is enough). Creation and revocation are audited. A key works
 * while it is neither revoked nor expired and its user is active under the org it was issued in.
 */
final class ApiKeyStore {

  static final String COLUMNS = "id, name, hint, created_at, expires_at, revoked_at";

  private static final Set<String> CREATE_FIELDS = Set.of("name", "expiresAt");
  private static final int MAX_NAME = 100;
  private static final int MAX_LIVE_KEYS = 50;
  private static final String OWNER = "select id, email, org_slug, status from directory.users where id = $1 for share";
  private static final String LIVE_KEYS = "select count(*) from directory.api_keys where user_id = $1 "
      + "and revoked_at is null and (expires_at is null or expires_at > $2)";
  private static final String INSERT = "insert into directory.api_keys (id, user_id, name, key_hash, hint, expires_at) "
      + "values ($1, $2, $3, $4, $5, $6) returning " + COLUMNS;
  private static final String LIST = "select " + COLUMNS + " from directory.api_keys where user_id = $1 "
      + "and revoked_at is null order by created_at, id";
  private static final String REVOKE = "update directory.api_keys set revoked_at = now(), revoked_reason = 'revoked' "
      + "where id = $1 and user_id = $2 and revoked_at is null returning " + COLUMNS;
  private static final String INTROSPECT = """
      select k.user_id, k.expires_at, k.revoked_at, u.org_slug, u.status
        from directory.api_keys k join directory.users u on u.id = k.user_id
       where k.key_hash = $1
      """;

  private final Pool pool;
  private final AuditOutbox outbox;
  private final Clock clock;

  ApiKeyStore(Pool pool, AuditOutbox outbox, Clock clock) {
    this.pool = pool;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** For the signed-in user of {@code org}: {@code {"name", "expiresAt"?}}; the answer holds the key, once. */
  Future<JsonObject> create(UUID userId, String org, JsonObject body, ClientInfo client) {
    String name;
    OffsetDateTime expiresAt;
    try {
      for (String field : body.fieldNames()) {
        if (!CREATE_FIELDS.contains(field)) {
          throw new RowProblem(field, "unknown field (expected name, expiresAt)");
        }
      }
      name = name(body.getValue("name"));
      expiresAt = expiry(body.getValue("expiresAt"));
    } catch (RowProblem problem) {
      return Future.failedFuture(ServiceException.invalid(problem.describe()));
    }
    String key = ApiKeyFormat.generate();
    return pool.withTransaction(sql -> sql.preparedQuery(OWNER).execute(Tuple.of(userId)).compose(owners -> {
      Row user = owners.iterator().hasNext() ? owners.iterator().next() : null;
      if (user == null || !user.getString("org_slug").equals(org)
          || !UserStatus.ACTIVE.value().equals(user.getString("status"))) {
        return Future.failedFuture(ServiceException.forbidden("the signed-in user may not create API keys"));
      }
      ApiKeyOwner owner = new ApiKeyOwner(userId, user.getString("email"), org);
      return sql.preparedQuery(LIVE_KEYS).execute(Tuple.of(userId, clock.instant().atOffset(ZoneOffset.UTC))).compose(count -> {
        if (count.iterator().next().getLong(0) >= MAX_LIVE_KEYS) {
          return Future.failedFuture(ServiceException.conflict(
              "name: at most " + MAX_LIVE_KEYS + " live API keys per user; revoke one first"));
        }
        Tuple row = Tuple.tuple().addValue(UUID.randomUUID()).addValue(userId).addValue(name)
            .addValue(Tokens.sha256(key)).addValue(ApiKeyFormat.hint(key)).addValue(expiresAt);
        return sql.preparedQuery(INSERT).execute(row).compose(inserted -> {
          JsonObject created = describe(inserted.iterator().next());
          return outbox.append(sql, DirectoryAuditEvents.apiKey(DirectoryAuditEvents.API_KEY_CREATED, null, owner,
              created, client)).map(done -> created);
        });
      });
    })).map(created -> new JsonObject()
        .put("id", created.getString("id"))
        .put("name", created.getString("name"))
        .put("key", key)
        .put("hint", created.getString("hint"))
        .put("createdAt", created.getString("createdAt"))
        .put("expiresAt", created.getString("expiresAt")));
  }

  /** The user's keys that were not revoked, expired ones included, without secrets. */
  Future<JsonObject> list(UUID userId) {
    return pool.preparedQuery(LIST).execute(Tuple.of(userId)).map(rows -> {
      JsonArray keys = new JsonArray();
      Instant now = clock.instant();
      for (Row row : rows) {
        JsonObject key = describe(row);
        OffsetDateTime expires = row.getOffsetDateTime("expires_at");
        keys.add(key.put("active", expires == null || expires.toInstant().isAfter(now)));
      }
      return new JsonObject().put("items", keys);
    });
  }

  /** Revokes one of the user's own keys; another user's key is "not found". */
  Future<Void> revoke(UUID userId, String org, String keyId, ClientInfo client) {
    UUID id;
    try {
      id = UUID.fromString(keyId);
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      return Future.failedFuture(ServiceException.notFound("id: no such API key"));
    }
    return pool.withTransaction(sql -> sql.preparedQuery(OWNER).execute(Tuple.of(userId)).compose(owners -> {
      if (!owners.iterator().hasNext()) {
        return Future.failedFuture(ServiceException.notFound("id: no such API key"));
      }
      ApiKeyOwner owner = new ApiKeyOwner(userId, owners.iterator().next().getString("email"), org);
      return sql.preparedQuery(REVOKE).execute(Tuple.of(id, userId)).compose(rows -> {
        if (rows.rowCount() == 0) {
          return Future.failedFuture(ServiceException.notFound("id: no such API key"));
        }
        return outbox.append(sql, DirectoryAuditEvents.apiKey(DirectoryAuditEvents.API_KEY_REVOKED, "revoked", owner,
            describe(rows.iterator().next()), client));
      });
    }));
  }

  /**
   * For the products' backends: {@code {"active": true, "userId", "org", "expiresAt"}}, or only {@code
   * {"active": false}} for a key that is unknown, revoked, expired, of a disabled user, or of an org the asking org
   * admin does not administer (so an org admin learns nothing about other orgs' keys).
   */
  /** {@code orgVisible}: whether the caller may learn of keys of this org (an org admin: its own only). */
  Future<JsonObject> introspect(JsonObject body, Predicate<String> orgVisible) {
    Object key = body.getValue("key");
    for (String field : body.fieldNames()) {
      if (!field.equals("key")) {
        return Future.failedFuture(ServiceException.invalid(field + ": unknown field (expected key)"));
      }
    }
    if (!(key instanceof String text) || text.isEmpty()) {
      return Future.failedFuture(ServiceException.invalid("key: required"));
    }
    if (!ApiKeyFormat.isWellFormed(text)) {
      return Future.succeededFuture(inactive());
    }
    return pool.preparedQuery(INTROSPECT).execute(Tuple.of(Tokens.sha256(text))).map(rows -> {
      for (Row row : rows) {
        OffsetDateTime expires = row.getOffsetDateTime("expires_at");
        String org = row.getString("org_slug");
        boolean active = row.getValue("revoked_at") == null
            && (expires == null || expires.toInstant().isAfter(clock.instant()))
            && UserStatus.ACTIVE.value().equals(row.getString("status"))
            && orgVisible.test(org);
        return active
            ? new JsonObject().put("active", true).put("userId", row.getUUID("user_id").toString()).put("org", org)
                .put("expiresAt", expires == null ? null : expires.toInstant().toString())
            : inactive();
      }
      return inactive();
    });
  }

  static JsonObject describe(Row row) {
    OffsetDateTime expires = row.getOffsetDateTime("expires_at");
    OffsetDateTime revoked = row.getOffsetDateTime("revoked_at");
    JsonObject key = new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("hint", row.getString("hint"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("expiresAt", expires == null ? null : expires.toInstant().toString());
    if (revoked != null) {
      key.put("revokedAt", revoked.toInstant().toString());
    }
    return key;
  }

  private static JsonObject inactive() {
    return new JsonObject().put("active", false);
  }

  private static String name(Object value) {
    if (value == null) {
      throw new RowProblem("name", "required");
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw new RowProblem("name", "must be a non-empty string");
    }
    String name = text.strip();
    if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      throw new RowProblem("name", "at most " + MAX_NAME + " characters, no control characters");
    }
    return name;
  }

  private OffsetDateTime expiry(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new RowProblem("expiresAt", "must be an RFC 3339 date-time such as 2027-01-31T00:00:00Z");
    }
    OffsetDateTime expiresAt;
    try {
      expiresAt = OffsetDateTime.parse(text);
    } catch (DateTimeParseException malformed) {
      throw new RowProblem("expiresAt", "must be an RFC 3339 date-time such as 2027-01-31T00:00:00Z");
    }
    if (!expiresAt.toInstant().isAfter(clock.instant())) {
      throw new RowProblem("expiresAt", "must be in the future");
    }
    return expiresAt.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
