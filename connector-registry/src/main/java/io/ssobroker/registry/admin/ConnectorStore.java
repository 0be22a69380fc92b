package io.ssobroker.registry.admin;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.connector.SecretResolver;
import io.ssobroker.platform.crypto.SecretSealer.Sealed;
import io.ssobroker.platform.crypto.SecretSealer;
import io.ssobroker.registry.ConnectorSecrets;
import io.ssobroker.registry.CredentialExpiry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Connectors through the admin API, with exactly the validation of the connectors file. Secrets are write-only:
 * sealed at rest, never answered (only {@code clientSecretSet} and the expiry date). Connectors of the file are
 * read-only here (409). A new connector is a {@code draft}.
 */
public final class ConnectorStore {

  private static final String UNCHANGED_SECRET = "\u0000unchanged\u0000";
  private static final String COLUMNS = """
      c.id, c.org_slug, c.kind, c.display_name, c.state, c.source, c.email_pattern, c.parameters, c.claim_mapping,
      c.client_secret_sealed is not null as secret_set, c.client_secret_expires_at, c.certificate_expires_at, c.created_at, c.updated_at,
      array(select cd.domain from registry.connector_domains cd where cd.connector_id = c.id order by cd.domain) as domains
      """;
  private static final String SELECT = "select " + COLUMNS + " from registry.connectors c where c.org_slug = $1 and c.id = $2";
  private static final String LIST = "select " + COLUMNS + " from registry.connectors c where c.org_slug = $1 "
      + "order by c.created_at, c.id";
  private static final String ORG_EXISTS = "select 1 from registry.orgs where slug = $1";
  private static final String DOMAIN_OWNERS = "select domain, org_slug from registry.domains where domain = any($1)";
  private static final String INSERT = """
      insert into registry.connectors (id, org_slug, kind, display_name, state, source, email_pattern, parameters,
        claim_mapping, client_secret_sealed, client_secret_key_id, client_secret_expires_at, certificate_expires_at)
      values ($1, $2, $3, $4, 'draft', 'api', $5, $6, $7, $8, $9, $10, $11)
      """;
  private static final String UPDATE = """
      update registry.connectors set kind = $3, display_name = $4, email_pattern = $5, parameters = $6,
        claim_mapping = $7, client_secret_sealed = coalesce($8, client_secret_sealed),
        client_secret_key_id = coalesce($9, client_secret_key_id), client_secret_expires_at = $10,
        certificate_expires_at = $11, updated_at = now()
      where org_slug = $1 and id = $2
      """;
  private static final String DELETE_DOMAINS = "delete from registry.connector_domains where connector_id = $1";
  private static final String INSERT_DOMAIN = "insert into registry.connector_domains (connector_id, domain) values ($1, $2)";
  private static final String DELETE = "delete from registry.connectors where org_slug = $1 and id = $2";

  private final Pool pool;
  private final AuditOutbox outbox;
  private final SecretSealer sealing;

  public ConnectorStore(Pool pool, AuditOutbox outbox, SecretSealer sealing) {
    this.pool = pool;
    this.outbox = outbox;
    this.sealing = sealing;
  }

  public Future<JsonObject> create(AdminActor actor, String org, JsonObject body) {
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(noOrg(org));
    }
    if (body.containsKey("id")) {
      return Future.failedFuture(ServiceException.invalid("id", "assigned by the broker"));
    }
    ConnectorDefinition definition;
    try {
      definition = ConnectorDefinition.read(new FieldReader(body, ""), SecretResolver.literal());
    } catch (DefinitionException invalid) {
      return Future.failedFuture(ServiceException.invalid(invalid));
    }
    UUID id = UUID.randomUUID();
    Optional<Sealed> sealed = sealedSecret(id, definition);
    return pool.withTransaction(sql -> sql.preparedQuery(ORG_EXISTS).execute(Tuple.of(org))
        .compose(found -> found.size() == 0 ? Future.failedFuture(noOrg(org)) : checkDomains(sql, org, definition))
        .compose(free -> sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, org, definition.kind().value(),
            definition.displayName(), definition.emailPattern(), definition.settings().toParameters(),
            definition.claimMapping().toJson(), sealed.map(Sealed::ciphertext).orElse(null),
            sealed.map(Sealed::keyId).orElse(null), CredentialExpiry.clientSecret(definition), CredentialExpiry.certificate(definition)})))
        .compose(inserted -> writeDomains(sql, id, definition))
        .compose(written -> read(sql, org, id))
        .compose(created -> outbox.append(sql, AdminChangeEvents.change("admin.connector.created", actor, org,
            "connector " + id, null, created)).map(done -> created)));
  }

  public Future<JsonObject> list(AdminActor actor, String org) {
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(noOrg(org));
    }
    return pool.preparedQuery(ORG_EXISTS).execute(Tuple.of(org))
        .compose(found -> found.size() == 0 ? Future.failedFuture(noOrg(org))
            : pool.preparedQuery(LIST).execute(Tuple.of(org)))
        .map(rows -> {
          JsonArray connectors = new JsonArray();
          rows.forEach(row -> connectors.add(describe(row)));
          return new JsonObject().put("connectors", connectors);
        });
  }

  public Future<JsonObject> get(AdminActor actor, String org, String id) {
    Optional<UUID> connectorId = parseId(id);
    if (!actor.mayAccess(org) || connectorId.isEmpty()) {
      return Future.failedFuture(noConnector());
    }
    return pool.withConnection(sql -> read(sql, org, connectorId.get()));
  }

  /** Replaces the connector; a body without {@code parameters.clientSecret} keeps the stored secret. */
  public Future<JsonObject> update(AdminActor actor, String org, String id, JsonObject body) {
    Optional<UUID> connectorId = parseId(id);
    if (!actor.mayAccess(org) || connectorId.isEmpty()) {
      return Future.failedFuture(noConnector());
    }
    JsonObject withSecret = body.copy();
    JsonObject parameters = withSecret.getValue("parameters") instanceof JsonObject p ? p : null;
    boolean keepSecret = parameters != null && !parameters.containsKey("clientSecret");
    if (keepSecret) {
      parameters.put("clientSecret", UNCHANGED_SECRET);
    }
    ConnectorDefinition definition;
    try {
      if (withSecret.containsKey("id")) {
        throw new DefinitionException("id", "cannot be changed");
      }
      definition = ConnectorDefinition.read(new FieldReader(withSecret, ""), SecretResolver.literal());
    } catch (DefinitionException invalid) {
      return Future.failedFuture(ServiceException.invalid(invalid));
    }
    UUID uuid = connectorId.get();
    Optional<Sealed> sealed = keepSecret ? Optional.empty() : sealedSecret(uuid, definition);
    return pool.withTransaction(sql -> read(sql, org, uuid)
        .compose(before -> "file".equals(before.getString("source"))
            ? Future.failedFuture(readOnly())
            : checkDomains(sql, org, definition)
                .compose(free -> sql.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {org, uuid,
                    definition.kind().value(), definition.displayName(), definition.emailPattern(),
                    definition.settings().toParameters(), definition.claimMapping().toJson(),
                    sealed.map(Sealed::ciphertext).orElse(null), sealed.map(Sealed::keyId).orElse(null),
                    CredentialExpiry.clientSecret(definition), CredentialExpiry.certificate(definition)})))
                .compose(updated -> sql.preparedQuery(DELETE_DOMAINS).execute(Tuple.of(uuid)))
                .compose(cleared -> writeDomains(sql, uuid, definition))
                .compose(written -> read(sql, org, uuid))
                .compose(after -> outbox.append(sql, AdminChangeEvents.change("admin.connector.updated", actor, org,
                    "connector " + uuid, before, after)).map(done -> after))));
  }

  public Future<Void> delete(AdminActor actor, String org, String id) {
    Optional<UUID> connectorId = parseId(id);
    if (!actor.mayAccess(org) || connectorId.isEmpty()) {
      return Future.failedFuture(noConnector());
    }
    return pool.withTransaction(sql -> read(sql, org, connectorId.get())
        .compose(before -> "file".equals(before.getString("source"))
            ? Future.failedFuture(readOnly())
            : sql.preparedQuery(DELETE).execute(Tuple.of(org, connectorId.get()))
                .compose(deleted -> outbox.append(sql, AdminChangeEvents.change("admin.connector.deleted", actor, org,
                    "connector " + connectorId.get(), before, null)))));
  }

  private Optional<Sealed> sealedSecret(UUID id, ConnectorDefinition definition) {
    return definition.settings() instanceof OidcClientSettings oidc
        ? Optional.of(sealing.seal(ConnectorSecrets.owner(id), oidc.clientSecret().value()))
        : Optional.empty();
  }

  private static Future<Void> checkDomains(SqlConnection sql, String org, ConnectorDefinition definition) {
    return sql.preparedQuery(DOMAIN_OWNERS).execute(Tuple.of(definition.domains().toArray(String[]::new)))
        .compose(rows -> {
          for (Row row : rows) {
            if (!row.getString("org_slug").equals(org)) {
              int index = definition.domains().indexOf(row.getString("domain"));
              return Future.failedFuture(ServiceException.conflict("domains[" + index + "]",
                  row.getString("domain") + " belongs to another org"));
            }
          }
          return Future.succeededFuture();
        });
  }

  private static Future<Void> writeDomains(SqlConnection sql, UUID id, ConnectorDefinition definition) {
    List<Tuple> rows = new ArrayList<>();
    definition.domains().forEach(domain -> rows.add(Tuple.of(id, domain)));
    return sql.preparedQuery(INSERT_DOMAIN).executeBatch(rows).mapEmpty();
  }

  private static Future<JsonObject> read(SqlConnection sql, String org, UUID id) {
    return sql.preparedQuery(SELECT).execute(Tuple.of(org, id)).map(rows -> {
      for (Row row : rows) {
        return describe(row);
      }
      throw noConnector();
    });
  }

  private static JsonObject describe(Row row) {
    LocalDate expires = row.getLocalDate("client_secret_expires_at");
    LocalDate certificateExpiry = row.getLocalDate("certificate_expires_at");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("org", row.getString("org_slug"))
        .put("kind", row.getString("kind"))
        .put("displayName", row.getString("display_name"))
        .put("state", row.getString("state"))
        .put("source", row.getString("source"))
        .put("domains", new JsonArray(List.of(row.getArrayOfStrings("domains"))))
        .put("emailPattern", row.getString("email_pattern"))
        .put("claimMapping", row.getJson("claim_mapping"))
        .put("parameters", row.getJson("parameters"))
        .put("clientSecretSet", row.getBoolean("secret_set"))
        .put("clientSecretExpiresAt", expires == null ? null : expires.toString())
        .put("certificateExpiresAt", certificateExpiry == null ? null : certificateExpiry.toString())
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
  }

  private static Optional<UUID> parseId(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      return Optional.empty();
    }
  }

  private static ServiceException noOrg(String org) {
    return FieldRefusals.notFound("org", "no org " + org);
  }

  private static ServiceException noConnector() {
    return FieldRefusals.notFound("id", "no such connector");
  }

  private static ServiceException readOnly() {
    return ServiceException.conflict("source", "this connector comes from the connectors file and is read-only here");
  }
}
