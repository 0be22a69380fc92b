package io.ssobroker.registry.admin;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.Secret;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Admin API bearer tokens. A token is shown once, when created; only its SHA-256 hash is kept. The platform-admin
 * token comes from configuration, or is generated at first start when none is configured.
 */
public final class AdminTokenStore {

  /** A token just created: the only moment its value exists outside the caller's hands. */
  public record Created(JsonObject description, String token) {}

  private static final String PREFIX = "ssoadm_";
  private static final UUID CONFIGURED_TOKEN_ID = UUID.nameUUIDFromBytes("configured-platform-admin-token".getBytes());
  private static final String FIND = """
      select id, org_slug, name from registry.admin_tokens where token_hash = $1 and revoked_at is null
      """;
  private static final String PLATFORM_TOKEN_EXISTS =
      "select 1 from registry.admin_tokens where org_slug is null and revoked_at is null";
  private static final String INSERT = """
      insert into registry.admin_tokens (id, org_slug, name, token_hash) values ($1, $2, $3, $4)
      returning id, org_slug, name, created_at, revoked_at
      """;
  private static final String LIST = """
      select id, org_slug, name, created_at, revoked_at from registry.admin_tokens
       where $1::text is null or org_slug = $1 order by created_at, id
      """;
  private static final String REVOKE = """
      update registry.admin_tokens set revoked_at = now()
       where id = $1 and revoked_at is null and ($2::text is null or org_slug = $2)
      returning id, org_slug, name, created_at, revoked_at
      """;
  private static final String ORG_EXISTS = "select 1 from registry.orgs where slug = $1";

  private final Pool pool;
  private final AuditOutbox outbox;
  private final Optional<byte[]> configuredTokenHash;

  public AdminTokenStore(Pool pool, AuditOutbox outbox, Optional<Secret> configuredToken) {
    this.pool = pool;
    this.outbox = outbox;
    this.configuredTokenHash = configuredToken.map(token -> Tokens.sha256(token.value()));
  }

  /** At first start without a configured token: a new platform-admin token, to be shown to the operator once. */
  public Future<Optional<String>> createPlatformTokenOnFirstStart() {
    if (configuredTokenHash.isPresent()) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.query(PLATFORM_TOKEN_EXISTS).execute().compose(rows -> {
      if (rows.size() > 0) {
        return Future.succeededFuture(Optional.empty());
      }
      String token = newToken();
      return pool.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), null, "generated at first start",
          Tokens.sha256(token))).map(inserted -> Optional.of(token));
    });
  }

  public Future<Optional<AdminActor>> authenticate(byte[] tokenHash) {
    if (configuredTokenHash.isPresent() && MessageDigest.isEqual(configuredTokenHash.get(), tokenHash)) {
      return Future.succeededFuture(Optional.of(new AdminActor(CONFIGURED_TOKEN_ID, Optional.empty(),
          "configured platform token")));
    }
    return pool.preparedQuery(FIND).execute(Tuple.of(tokenHash)).map(rows -> {
      for (Row row : rows) {
        return Optional.of(new AdminActor(row.getUUID("id"), Optional.ofNullable(row.getString("org_slug")),
            row.getString("name")));
      }
      return Optional.empty();
    });
  }

  /** {@code {"org": "acme", "name": "..."}}: an org admin may create tokens for its own org only. */
  public Future<Created> create(AdminActor actor, JsonObject body) {
    FieldReader fields = new FieldReader(body, "");
    String org;
    String name;
    try {
      fields.allowOnly(Set.of("org", "name"));
      org = fields.requiredText("org");
      name = fields.requiredText("name");
      if (!OrgSlug.isValid(org)) {
        throw fields.error("org", OrgSlug.describeRule());
      }
      if (name.length() > 200) {
        throw fields.error("name", "at most 200 characters");
      }
    } catch (DefinitionException invalid) {
      return Future.failedFuture(ServiceException.invalid(invalid));
    }
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(FieldRefusals.notFound("org", "no org " + org));
    }
    String token = newToken();
    return pool.withTransaction(sql -> sql.preparedQuery(ORG_EXISTS).execute(Tuple.of(org))
        .compose(found -> found.size() == 0
            ? Future.failedFuture(FieldRefusals.notFound("org", "no org " + org))
            : sql.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), org, name, Tokens.sha256(token))))
        .compose(rows -> {
          JsonObject created = describe(rows.iterator().next());
          return outbox.append(sql, AdminChangeEvents.change("admin.token.created", actor, org,
              "token " + created.getString("id"), null, created)).map(done -> new Created(created, token));
        }));
  }

  public Future<JsonObject> list(AdminActor actor) {
    return pool.preparedQuery(LIST).execute(Tuple.of(actor.org().orElse(null))).map(rows -> {
      JsonArray tokens = new JsonArray();
      rows.forEach(row -> tokens.add(describe(row)));
      return new JsonObject().put("tokens", tokens);
    });
  }

  public Future<JsonObject> revoke(AdminActor actor, String id) {
    UUID tokenId;
    try {
      tokenId = UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      return Future.failedFuture(FieldRefusals.notFound("id", "no such token"));
    }
    return pool.withTransaction(sql -> sql.preparedQuery(REVOKE).execute(Tuple.of(tokenId, actor.org().orElse(null)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(FieldRefusals.notFound("id", "no such token"));
          }
          JsonObject revoked = describe(rows.iterator().next());
          return outbox.append(sql, AdminChangeEvents.change("admin.token.revoked", actor, revoked.getString("org"),
              "token " + tokenId, null, revoked)).map(done -> revoked);
        }));
  }

  private static JsonObject describe(Row row) {
    JsonObject json = new JsonObject().put("id", row.getUUID("id").toString()).put("org", row.getString("org_slug"))
        .put("name", row.getString("name")).put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
    if (row.getOffsetDateTime("revoked_at") != null) {
      json.put("revokedAt", row.getOffsetDateTime("revoked_at").toInstant().toString());
    }
    return json;
  }

  private static String newToken() {
    return PREFIX + Tokens.random();
  }
}
