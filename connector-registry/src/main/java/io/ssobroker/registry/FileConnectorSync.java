package io.ssobroker.registry;

import io.ssobroker.platform.audit.AuditOutbox;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.registry.ConnectorsFile.FileConnector;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Makes the database hold exactly the connectors of the file (source {@code file}), in one transaction: their orgs
 * exist, their domains are verified and owned by their org, and file connectors no longer in the file are gone (only
 * when removals are allowed). Concurrent starts of several registry processes apply one after the other.
 */
final class FileConnectorSync {

  private static final String INSERT_ORG =
      "insert into registry.orgs (slug, name) values ($1, $1) on conflict (slug) do nothing";
  private static final String DOMAIN_OWNER = "select org_slug from registry.domains where domain = $1";
  private static final String UPSERT_DOMAIN = """
      insert into registry.domains (domain, org_slug, verification_token, verified_at, source)
      values ($1, $2, $3, now(), 'file')
      on conflict (domain) do update set verified_at = coalesce(registry.domains.verified_at, now()), source = 'file'
      """;
  private static final String DELETE_STALE_DOMAINS =
      "delete from registry.domains where source = 'file' and not (domain = any($1))";
  private static final String API_CONNECTOR_WITH_ID =
      "select 1 from registry.connectors where id = $1 and source <> 'file'";
  private static final String DELETE_STALE_CONNECTORS =
      "delete from registry.connectors where source = 'file' and not (id = any($1))";
  private static final String UPSERT_CONNECTOR = """
      insert into registry.connectors
        (id, org_slug, kind, display_name, state, source, email_pattern, parameters, claim_mapping,
         client_secret_expires_at, certificate_expires_at)
      values ($1, $2, $3, $4, 'active', 'file', $5, $6, $7, $8, $9)
      on conflict (id) do update
        set org_slug = excluded.org_slug, kind = excluded.kind, display_name = excluded.display_name,
            state = 'active', email_pattern = excluded.email_pattern, parameters = excluded.parameters,
            claim_mapping = excluded.claim_mapping, client_secret_expires_at = excluded.client_secret_expires_at,
            certificate_expires_at = coalesce(excluded.certificate_expires_at, connectors.certificate_expires_at),
            updated_at = now()
      """;
  private static final String DELETE_CONNECTOR_DOMAINS =
      "delete from registry.connector_domains where connector_id = any($1)";
  private static final String INSERT_CONNECTOR_DOMAIN =
      "insert into registry.connector_domains (connector_id, domain) values ($1, $2)";

  private static final String LOCK = "select pg_advisory_xact_lock(hashtext('registry.connectors_file'))";
  private static final String DECLARED = """
      select c.id, c.org_slug, c.kind, c.display_name, c.state, c.email_pattern, c.parameters, c.claim_mapping,
             coalesce((select array_agg(d.domain order by d.domain) from registry.connector_domains d
                        where d.connector_id = c.id), '{}') as domains
        from registry.connectors c
       where c.source = 'file'
      """;

  private FileConnectorSync() {}

  /**
   * Makes the database hold the file's connectors, unless that would remove file connectors and removals are not
   * allowed: a node started with a stale or missing file must not take connectors away from the fleet. A file equal to
   * what the database holds writes nothing; any other application is one {@code admin.connectors_file.applied} event.
   */
  static Future<FileDifference> apply(Pool pool, AuditOutbox outbox, Optional<Path> file, List<FileConnector> connectors,
      boolean removalsAllowed) {
    UUID[] ids = connectors.stream().map(FileConnector::id).toArray(UUID[]::new);
    String[] domains = connectors.stream().flatMap(c -> c.definition().domains().stream()).toArray(String[]::new);
    Path named = file.orElse(Path.of("(no connectors file)"));
    return pool.withTransaction(sql -> sql.query(LOCK).execute()
        .compose(locked -> sql.query(DECLARED).execute())
        .compose(rows -> {
          FileDifference difference = difference(rows, connectors);
          if (difference.none()) {
            return Future.succeededFuture(difference);
          }
          if (!difference.removed().isEmpty() && !removalsAllowed) {
            return Future.failedFuture(new ConfigException(file.map(path -> "connectors file " + path + ": it lacks ")
                .orElse("no connectors file (connectorsFile), but the database holds ")
                + difference.removed().size() + " connector(s) that a connectors file declared: "
                + difference.removed() + ". Start every connector-registry process with the same file; to remove "
                + "them, set fileSync.allowRemovals=true (SSO_FILE_SYNC_ALLOW_REMOVALS) for this start"));
          }
          Future<Void> chain = Future.succeededFuture();
          for (FileConnector connector : connectors) {
            chain = chain.compose(done -> write(sql, named, connector));
          }
          return chain
              .compose(done -> sql.preparedQuery(DELETE_STALE_CONNECTORS).execute(Tuple.of((Object) ids)))
              .compose(done -> sql.preparedQuery(DELETE_STALE_DOMAINS).execute(Tuple.of((Object) domains)))
              .compose(done -> outbox.append(sql, difference.appliedEvent("connectors_file", named)))
              .map(difference);
        }));
  }

  private static FileDifference difference(io.vertx.sqlclient.RowSet<Row> rows, List<FileConnector> connectors) {
    java.util.Map<UUID, Row> stored = new java.util.HashMap<>();
    rows.forEach(row -> stored.put(row.getUUID("id"), row));
    List<JsonObject> added = new ArrayList<>();
    List<JsonObject> changed = new ArrayList<>();
    for (FileConnector connector : connectors) {
      Row row = stored.remove(connector.id());
      if (row == null) {
        added.add(named(connector.id(), connector.org()));
      } else if (!sameDeclaration(row, connector)) {
        changed.add(named(connector.id(), connector.org()));
      }
    }
    List<JsonObject> removed = stored.values().stream()
        .map(row -> named(row.getUUID("id"), row.getString("org_slug"))).toList();
    return new FileDifference(added, changed, removed);
  }

  private static boolean sameDeclaration(Row row, FileConnector connector) {
    ConnectorDefinition definition = connector.definition();
    return row.getString("org_slug").equals(connector.org())
        && row.getString("kind").equals(definition.kind().value())
        && java.util.Objects.equals(row.getString("display_name"), definition.displayName())
        && "active".equals(row.getString("state"))
        && java.util.Objects.equals(row.getString("email_pattern"), definition.emailPattern())
        && java.util.Objects.equals(row.getJson("parameters"), definition.settings().toParameters())
        && java.util.Objects.equals(row.getJson("claim_mapping"), definition.claimMapping().toJson())
        && java.util.Arrays.equals(row.getArrayOfStrings("domains"),
            definition.domains().stream().sorted().toArray(String[]::new));
  }

  private static JsonObject named(UUID id, String org) {
    return new JsonObject().put("id", id.toString()).put("org", org);
  }


  private static Future<Void> write(SqlConnection sql, Path file, FileConnector connector) {
    ConnectorDefinition definition = connector.definition();
    return sql.preparedQuery(INSERT_ORG).execute(Tuple.of(connector.org()))
        .compose(done -> sql.preparedQuery(API_CONNECTOR_WITH_ID).execute(Tuple.of(connector.id())))
        .compose(rows -> rows.size() > 0
            ? Future.failedFuture(new ConfigException("connectors file " + file + ": " + connector.org()
                + ": connector id " + connector.id() + " belongs to a connector created through the admin API"))
            : Future.succeededFuture())
        .compose(done -> claimDomains(sql, file, connector))
        .compose(done -> sql.preparedQuery(UPSERT_CONNECTOR).execute(Tuple.from(new Object[] {
            connector.id(), connector.org(), definition.kind().value(), definition.displayName(),
            definition.emailPattern(), definition.settings().toParameters(), definition.claimMapping().toJson(),
            CredentialExpiry.clientSecret(definition), CredentialExpiry.certificate(definition)})))
        .compose(done -> sql.preparedQuery(DELETE_CONNECTOR_DOMAINS).execute(Tuple.of(new UUID[] {connector.id()})))
        .compose(done -> {
          List<Tuple> rows = new ArrayList<>();
          definition.domains().forEach(domain -> rows.add(Tuple.of(connector.id(), domain)));
          return sql.preparedQuery(INSERT_CONNECTOR_DOMAIN).executeBatch(rows);
        })
        .mapEmpty();
  }

  private static Future<Void> claimDomains(SqlConnection sql, Path file, FileConnector connector) {
    Future<Void> chain = Future.succeededFuture();
    for (String domain : connector.definition().domains()) {
      chain = chain
          .compose(done -> sql.preparedQuery(DOMAIN_OWNER).execute(Tuple.of(domain)))
          .compose(rows -> {
            for (Row row : rows) {
              if (!row.getString("org_slug").equals(connector.org())) {
                return Future.failedFuture(new ConfigException("connectors file " + file + ": " + connector.org()
                    + ": domain " + domain + " belongs to org " + row.getString("org_slug")));
              }
            }
            return sql.preparedQuery(UPSERT_DOMAIN).execute(Tuple.of(domain, connector.org(), newToken())).mapEmpty();
          });
    }
    return chain;
  }

  private static String newToken() {
    return Tokens.randomHex(16);
  }
}
