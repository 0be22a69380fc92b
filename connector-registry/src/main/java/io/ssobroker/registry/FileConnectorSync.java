package io.ssobroker.registry;

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
 * exist, their domains are verified and owned by their org, and file connectors no longer in the file are gone.
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
         client_secret_expires_at)
      values ($1, $2, $3, $4, 'active', 'file', $5, $6, $7, $8)
      on conflict (id) do update
        set org_slug = excluded.org_slug, kind = excluded.kind, display_name = excluded.display_name,
            state = 'active', email_pattern = excluded.email_pattern, parameters = excluded.parameters,
            claim_mapping = excluded.claim_mapping, client_secret_expires_at = excluded.client_secret_expires_at,
            updated_at = now()
      """;
  private static final String DELETE_CONNECTOR_DOMAINS =
      "delete from registry.connector_domains where connector_id = any($1)";
  private static final String INSERT_CONNECTOR_DOMAIN =
      "insert into registry.connector_domains (connector_id, domain) values ($1, $2)";

  private FileConnectorSync() {}

  static Future<Void> apply(Pool pool, Path file, List<FileConnector> connectors) {
    UUID[] ids = connectors.stream().map(FileConnector::id).toArray(UUID[]::new);
    String[] domains = connectors.stream().flatMap(c -> c.definition().domains().stream()).toArray(String[]::new);
    return pool.withTransaction(sql -> {
      Future<Void> chain = Future.succeededFuture();
      for (FileConnector connector : connectors) {
        chain = chain.compose(done -> write(sql, file, connector));
      }
      return chain
          .compose(done -> sql.preparedQuery(DELETE_STALE_CONNECTORS).execute(Tuple.of(ids)))
          .compose(done -> sql.preparedQuery(DELETE_STALE_DOMAINS).execute(Tuple.of(domains)))
          .mapEmpty();
    });
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
            expiry(definition)})))
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

  private static java.time.LocalDate expiry(ConnectorDefinition definition) {
    if (definition.settings() instanceof io.ssobroker.platform.connector.SamlSettings saml) {
      return saml.certificateExpiresAt().orElse(null);
    }
    return definition.settings() instanceof io.ssobroker.platform.connector.OidcClientSettings oidc
        ? oidc.clientSecretExpiresAt().orElse(null) : null;
  }

  private static String newToken() {
    return Tokens.randomHex(16);
  }
}
