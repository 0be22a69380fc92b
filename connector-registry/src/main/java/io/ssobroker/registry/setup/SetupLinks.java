package io.ssobroker.registry.setup;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.registry.admin.FieldRefusals;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Setup links: a platform admin (or the org's own admin) hands one to the customer's IT admin, who opens it once in
 * the console and may then set up that org's connectors and domains until the link expires or is revoked. The link's
 * secret exists only in the creation's answer; opening it binds the link to one console session, whose hash is then
 * the only credential the link has.
 */
public final class SetupLinks {

  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(3);
  static final Duration SHORTEST = Duration.ofMinutes(10);
  static final Duration LONGEST = Duration.ofDays(30);
  private static final String PREFIX = "ssosetup_";
  private static final String COLUMNS = "id, org_slug, name, created_by, created_at, expires_at, used_at, revoked_at";
  private static final String ORG_EXISTS = "select 1 from registry.orgs where slug = $1";
  private static final String INSERT = "insert into registry.setup_links (id, org_slug, name, link_hash, created_by, "
      + "created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7) returning " + COLUMNS;
  private static final String LIST = "select " + COLUMNS + " from registry.setup_links where org_slug = $1 "
      + "order by created_at desc, id";
  private static final String REVOKE = "update registry.setup_links set revoked_at = $3 "
      + "where id = $1 and org_slug = $2 and revoked_at is null returning " + COLUMNS;
  private static final String FIND_BY_LINK = "select " + COLUMNS + " from registry.setup_links where link_hash = $1 "
      + "for update";
  private static final String REDEEM = "update registry.setup_links set used_at = $2, session_hash = $3 "
      + "where id = $1 returning " + COLUMNS;
  private static final String FIND_BY_SESSION = "select id, org_slug from registry.setup_links "
      + "where session_hash = $1 and revoked_at is null and expires_at > $2";

  private final Pool pool;
  private final AuditOutbox outbox;
  private final Clock clock;

  public SetupLinks(Pool pool, AuditOutbox outbox, Clock clock) {
    this.pool = pool;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** {@code {"name"?, "expiresIn"?}}: answers the link with its secret {@code token}, the only time it is shown. */
  public Future<JsonObject> create(AdminActor actor, String org, JsonObject body) {
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(FieldRefusals.notFound("org", "no org " + org));
    }
    FieldReader fields = new FieldReader(body, "");
    String name;
    Duration lifetime;
    try {
      fields.allowOnly(Set.of("name", "expiresIn"));
      name = fields.optionalText("name").orElse("setup of " + org);
      if (name.length() > 200) {
        throw fields.error("name", "at most 200 characters");
      }
      lifetime = fields.optionalDuration("expiresIn", SHORTEST, LONGEST).orElse(DEFAULT_LIFETIME);
    } catch (DefinitionException invalid) {
      return Future.failedFuture(ServiceException.invalid(invalid));
    }
    String token = PREFIX + Tokens.random();
    Instant now = clock.instant();
    return pool.withTransaction(sql -> sql.preparedQuery(ORG_EXISTS).execute(Tuple.of(org))
        .compose(found -> found.size() == 0
            ? Future.failedFuture(FieldRefusals.notFound("org", "no org " + org))
            : sql.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), org, name, Tokens.sha256(token),
                actor.name(), at(now), at(now.plus(lifetime)))))
        .compose(rows -> {
          JsonObject created = describe(rows.iterator().next(), now);
          return outbox.append(sql, AdminChangeEvents.change("admin.setup_link.created", actor, org,
                  "setup link " + created.getString("id"), null, created))
              .map(done -> created.copy().put("token", token).put("path", "/console/setup/" + token));
        }));
  }

  public Future<JsonObject> list(AdminActor actor, String org) {
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(FieldRefusals.notFound("org", "no org " + org));
    }
    Instant now = clock.instant();
    return pool.preparedQuery(LIST).execute(Tuple.of(org)).map(rows -> {
      JsonArray links = new JsonArray();
      rows.forEach(row -> links.add(describe(row, now)));
      return new JsonObject().put("setupLinks", links);
    });
  }

  /** Revoking a link also ends the console session that opened it: its next request no longer authenticates. */
  public Future<JsonObject> revoke(AdminActor actor, String org, String id) {
    UUID linkId;
    try {
      linkId = UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      return Future.failedFuture(FieldRefusals.notFound("id", "no such setup link"));
    }
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(FieldRefusals.notFound("id", "no such setup link"));
    }
    Instant now = clock.instant();
    return pool.withTransaction(sql -> sql.preparedQuery(REVOKE).execute(Tuple.of(linkId, org, at(now)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(FieldRefusals.notFound("id", "no such setup link, or revoked already"));
          }
          JsonObject revoked = describe(rows.iterator().next(), now);
          return outbox.append(sql, AdminChangeEvents.change("admin.setup_link.revoked", actor, org,
              "setup link " + linkId, null, revoked)).map(done -> revoked);
        }));
  }

  /**
   * Opens a link, once: binds it to the console session of {@code sessionHash}. A used link is a conflict; an
   * unknown, expired or revoked one is not found, with a message that tells the IT admin which.
   */
  public Future<AdminActor> redeem(byte[] linkHash, byte[] sessionHash) {
    Instant now = clock.instant();
    return pool.withTransaction(sql -> sql.preparedQuery(FIND_BY_LINK).execute(Tuple.of(linkHash)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ServiceException.notFound("this setup link is unknown"));
      }
      Row link = rows.iterator().next();
      if (link.getOffsetDateTime("revoked_at") != null) {
        return Future.failedFuture(ServiceException.notFound("this setup link was revoked"));
      }
      if (!now.isBefore(link.getOffsetDateTime("expires_at").toInstant())) {
        return Future.failedFuture(ServiceException.notFound("this setup link has expired"));
      }
      if (link.getOffsetDateTime("used_at") != null) {
        return Future.failedFuture(ServiceException.conflict("this setup link was used already"));
      }
      return redeemed(sql, link, sessionHash, now);
    }));
  }

  private Future<AdminActor> redeemed(SqlClient sql, Row link, byte[] sessionHash, Instant now) {
    UUID id = link.getUUID("id");
    String org = link.getString("org_slug");
    AdminActor actor = AdminActor.ofSetupLink(id, org);
    return sql.preparedQuery(REDEEM).execute(Tuple.of(id, at(now), sessionHash))
        .compose(rows -> outbox.append(sql, AdminChangeEvents.change("admin.setup_link.opened", actor, org,
            "setup link " + id, null, describe(rows.iterator().next(), now))))
        .map(done -> actor);
  }

  /** The setup link whose console session has this hash, while the link is neither expired nor revoked. */
  public Future<Optional<AdminActor>> authenticate(byte[] sessionHash) {
    return pool.preparedQuery(FIND_BY_SESSION).execute(Tuple.of(sessionHash, at(clock.instant()))).map(rows -> {
      for (Row row : rows) {
        return Optional.of(AdminActor.ofSetupLink(row.getUUID("id"), row.getString("org_slug")));
      }
      return Optional.empty();
    });
  }

  private static JsonObject describe(Row row, Instant now) {
    Instant expiresAt = row.getOffsetDateTime("expires_at").toInstant();
    OffsetDateTime usedAt = row.getOffsetDateTime("used_at");
    OffsetDateTime revokedAt = row.getOffsetDateTime("revoked_at");
    String state = revokedAt != null ? "revoked" : !now.isBefore(expiresAt) ? "expired"
        : usedAt != null ? "in-use" : "unused";
    JsonObject json = new JsonObject().put("id", row.getUUID("id").toString()).put("org", row.getString("org_slug"))
        .put("name", row.getString("name")).put("createdBy", row.getString("created_by"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("expiresAt", expiresAt.toString()).put("state", state);
    if (usedAt != null) {
      json.put("usedAt", usedAt.toInstant().toString());
    }
    if (revokedAt != null) {
      json.put("revokedAt", revokedAt.toInstant().toString());
    }
    return json;
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
