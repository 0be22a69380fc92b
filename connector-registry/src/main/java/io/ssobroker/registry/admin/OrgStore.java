package io.ssobroker.registry.admin;

import io.ssobroker.platform.Origins;
import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.ssobroker.platform.registry.OrgBranding;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orgs through the admin API: {@code slug} (immutable), {@code name}, {@code landingUrl}, {@code allowedReturnOrigins},
 * {@code branding} ({@link OrgBranding}).
 * Platform admins create and delete orgs; an org admin reads and updates its own org only. Each change and its
 * {@code admin.*} event are one transaction.
 */
public final class OrgStore {

  private static final Set<String> CREATE_FIELDS = Set.of("slug", "name", "landingUrl", "allowedReturnOrigins",
      "branding");
  private static final Set<String> UPDATE_FIELDS = Set.of("name", "landingUrl", "allowedReturnOrigins", "branding");
  private static final String COLUMNS = "slug, name, landing_url, allowed_return_origins, brand_display_name, "
      + "brand_logo_url, brand_accent_color, created_at, updated_at";
  private static final String INSERT = "insert into registry.orgs (slug, name, landing_url, allowed_return_origins, "
      + "brand_display_name, brand_logo_url, brand_accent_color) values ($1, $2, $3, $4, $5, $6, $7) returning "
      + COLUMNS;
  private static final String SELECT = "select " + COLUMNS + " from registry.orgs where slug = $1";
  private static final String SELECT_FOR_UPDATE = SELECT + " for update";
  private static final String LIST = "select " + COLUMNS + " from registry.orgs where $1::text is null or slug = $1 "
      + "order by slug";
  private static final String UPDATE = "update registry.orgs set name = $2, landing_url = $3, "
      + "allowed_return_origins = $4, brand_display_name = $5, brand_logo_url = $6, brand_accent_color = $7, "
      + "updated_at = now() where slug = $1 returning " + COLUMNS;
  private static final String FILE_CONNECTORS = "select count(*) from registry.connectors where org_slug = $1 "
      + "and source = 'file'";
  private static final String DELETE = "delete from registry.orgs where slug = $1";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int MAX_NAME = 200;

  private record OrgFields(String name, String landingUrl, List<String> allowedReturnOrigins, OrgBranding branding) {

    Tuple row(String slug) {
      return Tuple.of(slug, name, landingUrl, allowedReturnOrigins.toArray(String[]::new),
          branding.displayName().orElse(null), branding.logoUrl().map(URI::toString).orElse(null),
          branding.accentColor().orElse(null));
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(OrgStore.class);

  private final Pool pool;
  private final AuditOutbox outbox;
  private final OrgUsers users;

  public OrgStore(Pool pool, AuditOutbox outbox, OrgUsers users) {
    this.pool = pool;
    this.outbox = outbox;
    this.users = users;
  }

  public Future<JsonObject> create(AdminActor actor, JsonObject body) {
    if (!actor.isPlatform()) {
      return Future.failedFuture(ServiceException.forbidden("only a platform admin creates orgs"));
    }
    String slug;
    OrgFields fields;
    try {
      FieldReader reader = new FieldReader(body, "");
      reader.allowOnly(CREATE_FIELDS);
      slug = reader.requiredText("slug");
      if (!OrgSlug.isValid(slug)) {
        throw reader.error("slug", OrgSlug.describeRule());
      }
      fields = fields(reader);
    } catch (DefinitionException invalid) {
      return Future.failedFuture(ServiceException.invalid(invalid));
    }
    return pool.withTransaction(sql -> sql.preparedQuery(INSERT).execute(fields.row(slug))
            .compose(rows -> {
              JsonObject created = describe(rows.iterator().next());
              return outbox.append(sql, AdminChangeEvents.change("admin.org.created", actor, slug, "org " + slug, null,
                  created)).map(done -> created);
            }))
        .recover(failure -> Future.failedFuture(failure instanceof PgException pg
            && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? ServiceException.conflict("slug", "an org " + slug + " already exists") : failure));
  }

  public Future<JsonObject> list(AdminActor actor) {
    return pool.preparedQuery(LIST).execute(Tuple.of(actor.org().orElse(null))).map(rows -> {
      JsonArray orgs = new JsonArray();
      rows.forEach(row -> orgs.add(describe(row)));
      return new JsonObject().put("orgs", orgs);
    });
  }

  public Future<JsonObject> get(AdminActor actor, String slug) {
    if (!actor.mayAccess(slug)) {
      return Future.failedFuture(notFound(slug));
    }
    return pool.preparedQuery(SELECT).execute(Tuple.of(slug)).map(rows -> {
      for (Row row : rows) {
        return describe(row);
      }
      throw notFound(slug);
    });
  }

  /** Replaces name, landing URL and allowed origins; the slug never changes. */
  public Future<JsonObject> update(AdminActor actor, String slug, JsonObject body) {
    if (!actor.mayAccess(slug)) {
      return Future.failedFuture(notFound(slug));
    }
    OrgFields fields;
    try {
      FieldReader reader = new FieldReader(body, "");
      reader.allowOnly(UPDATE_FIELDS);
      fields = fields(reader);
    } catch (DefinitionException invalid) {
      return Future.failedFuture(ServiceException.invalid(invalid));
    }
    return pool.withTransaction(sql -> current(sql, slug).compose(before -> sql.preparedQuery(UPDATE)
        .execute(fields.row(slug))
        .compose(rows -> {
          JsonObject after = describe(rows.iterator().next());
          return outbox.append(sql, AdminChangeEvents.change("admin.org.updated", actor, slug, "org " + slug, before,
              after)).map(done -> after);
        })));
  }

  /**
   * Deletes an org with its connectors, domains and tokens, and has the directory delete its users first (their keys
   * revoked, their sessions ended), so that no one keeps access through an org that is gone, nor passes to a new org
   * of the same slug. Not an org that the connectors file declares. Users added while this runs are swept once more
   * after the org is gone, when no one can add any.
   */
  public Future<Void> delete(AdminActor actor, String slug) {
    if (!actor.mayAccess(slug)) {
      return Future.failedFuture(notFound(slug));
    }
    if (!actor.isPlatform()) {
      return Future.failedFuture(ServiceException.forbidden("only a platform admin deletes orgs"));
    }
    return pool.withConnection(sql -> deletable(sql, slug))
        .compose(checked -> users.deleteAll(actor, slug))
        .compose(usersDeleted -> pool.withTransaction(sql -> deletable(sql, slug).compose(before ->
            sql.preparedQuery(DELETE).execute(Tuple.of(slug)).compose(deleted -> outbox.append(sql,
                AdminChangeEvents.change("admin.org.deleted", actor, slug, "org " + slug, before, null))))))
        .compose(orgDeleted -> users.deleteAll(actor, slug).recover(failure -> {
          LOG.warn("org {} deleted, but the sweep for users added meanwhile failed: {}", slug, failure.toString());
          return Future.succeededFuture();
        }));
  }

  /** The org (locked when in a transaction), unless it is missing or the connectors file declares connectors for it. */
  private static Future<JsonObject> deletable(SqlConnection sql, String slug) {
    return current(sql, slug).compose(before -> sql.preparedQuery(FILE_CONNECTORS).execute(Tuple.of(slug))
        .compose(count -> count.iterator().next().getLong(0) > 0
            ? Future.failedFuture(ServiceException.conflict("slug", "org " + slug
                + " has connectors from the connectors file; remove them there first"))
            : Future.succeededFuture(before)));
  }

  private static Future<JsonObject> current(SqlConnection sql, String slug) {
    return sql.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(slug)).map(rows -> {
      for (Row row : rows) {
        return describe(row);
      }
      throw notFound(slug);
    });
  }

  private static OrgFields fields(FieldReader reader) {
    String name = reader.requiredText("name");
    if (name.length() > MAX_NAME) {
      throw reader.error("name", "at most " + MAX_NAME + " characters");
    }
    String landingUrl = reader.optionalText("landingUrl")
        .map(url -> reader.secureUrl("landingUrl", url).toString()).orElse(null);
    Set<String> origins = new LinkedHashSet<>();
    List<String> written = reader.textList("allowedReturnOrigins");
    for (int i = 0; i < written.size(); i++) {
      URI uri = reader.secureUrl("allowedReturnOrigins[" + i + "]", written.get(i));
      if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
          || uri.getRawQuery() != null
          || uri.getRawUserInfo() != null) {
        throw reader.error("allowedReturnOrigins[" + i + "]", "must be an origin such as https://app.example.com");
      }
      origins.add(Origins.of(uri));
    }
    return new OrgFields(name, landingUrl, new ArrayList<>(origins), OrgBranding.read(reader));
  }

  private static JsonObject describe(Row row) {
    return new JsonObject()
        .put("slug", row.getString("slug"))
        .put("name", row.getString("name"))
        .put("landingUrl", row.getString("landing_url"))
        .put("allowedReturnOrigins", new JsonArray(List.of(row.getArrayOfStrings("allowed_return_origins"))))
        .put("branding", OrgBranding.of(row.getString("brand_display_name"), row.getString("brand_logo_url"),
            row.getString("brand_accent_color")).toJson())
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
  }

  private static ServiceException notFound(String slug) {
    return FieldRefusals.notFound("org", "no org " + slug);
  }

}
