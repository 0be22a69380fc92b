package io.ssobroker.registry.connectors;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.crypto.SecretSealer;
import io.ssobroker.platform.crypto.SecretSealer.Sealed;
import io.ssobroker.registry.ConnectorRepository;
import io.ssobroker.registry.ConnectorSecrets;
import io.ssobroker.registry.domains.DomainRepository;
import io.ssobroker.registry.orgs.OrgRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Connectors through the admin API, with exactly the validation of the connectors file. Secrets are write-only:
 * sealed at rest, never answered (only {@code clientSecretSet} and the expiry date). Connectors of the file are
 * read-only here (409). A new connector is a {@code draft}. Another org's connector is not found.
 */
public final class ConnectorService {

  private final Pool pool;
  private final ConnectorRepository connectors;
  private final OrgRepository orgs;
  private final DomainRepository domains;
  private final AuditOutbox outbox;
  private final SecretSealer sealing;

  public ConnectorService(Pool pool, ConnectorRepository connectors, OrgRepository orgs, DomainRepository domains,
      AuditOutbox outbox, SecretSealer sealing) {
    this.pool = pool;
    this.connectors = connectors;
    this.orgs = orgs;
    this.domains = domains;
    this.outbox = outbox;
    this.sealing = sealing;
  }

  /** Refuses an actor of another org as if the org did not exist; before its request is read. */
  public static Future<Void> maySeeOrg(AdminActor actor, String org) {
    return actor.mayAccess(org) ? Future.succeededFuture() : Future.failedFuture(noOrg(org));
  }

  /** Refuses an actor of another org as if the connector did not exist; before its request is read. */
  public static Future<Void> maySeeConnector(AdminActor actor, String org) {
    return actor.mayAccess(org) ? Future.succeededFuture() : Future.failedFuture(noConnector());
  }

  public Future<StoredConnector> create(AdminActor actor, String org, ConnectorDefinition definition) {
    UUID id = UUID.randomUUID();
    Optional<Sealed> secret = sealedSecret(id, definition);
    return maySeeOrg(actor, org).compose(visible -> pool.withTransaction(sql -> existingOrg(sql, org)
        .compose(found -> domainsFree(sql, org, definition))
        .compose(free -> connectors.insert(sql, id, org, definition, secret))
        .compose(inserted -> existing(sql, org, id))
        .compose(created -> audit(sql, actor, "admin.connector.created", null, created).map(created))));
  }

  public Future<List<StoredConnector>> list(AdminActor actor, String org) {
    return maySeeOrg(actor, org).compose(visible -> pool.withConnection(sql -> existingOrg(sql, org)))
        .compose(found -> connectors.list(org));
  }

  public Future<StoredConnector> get(AdminActor actor, String org, UUID id) {
    return maySeeConnector(actor, org).compose(visible -> pool.withConnection(sql -> existing(sql, org, id)));
  }

  /** Replaces the connector; with {@code keepSecret}, the stored secret stays. */
  public Future<StoredConnector> update(AdminActor actor, String org, UUID id, ConnectorDefinition definition,
      boolean keepSecret) {
    Optional<Sealed> secret = keepSecret ? Optional.empty() : sealedSecret(id, definition);
    return maySeeConnector(actor, org).compose(visible -> pool.withTransaction(sql -> writable(sql, org, id)
        .compose(before -> domainsFree(sql, org, definition)
            .compose(free -> connectors.update(sql, id, org, definition, secret))
            .compose(updated -> existing(sql, org, id))
            .compose(after -> audit(sql, actor, "admin.connector.updated", before, after).map(after)))));
  }

  public Future<Void> delete(AdminActor actor, String org, UUID id) {
    return maySeeConnector(actor, org).compose(visible -> pool.withTransaction(sql -> writable(sql, org, id)
        .compose(before -> connectors.delete(sql, org, id)
            .compose(deleted -> audit(sql, actor, "admin.connector.deleted", before, null)))));
  }

  private Optional<Sealed> sealedSecret(UUID id, ConnectorDefinition definition) {
    return definition.settings() instanceof OidcClientSettings oidc
        ? Optional.of(sealing.seal(ConnectorSecrets.owner(id), oidc.clientSecret().value()))
        : Optional.empty();
  }

  private Future<Void> existingOrg(SqlClient sql, String org) {
    return orgs.exists(sql, org).compose(exists -> exists ? Future.succeededFuture()
        : Future.failedFuture(noOrg(org)));
  }

  /** Each domain the connector names is this org's, or no org's yet. */
  private Future<Void> domainsFree(SqlClient sql, String org, ConnectorDefinition definition) {
    return domains.owners(sql, definition.domains()).compose(owners -> {
      for (String domain : definition.domains()) {
        String owner = owners.get(domain);
        if (owner != null && !owner.equals(org)) {
          return Future.failedFuture(ServiceException.conflict("domains[" + definition.domains().indexOf(domain) + "]",
              domain + " belongs to another org"));
        }
      }
      return Future.succeededFuture();
    });
  }

  private Future<StoredConnector> existing(SqlClient sql, String org, UUID id) {
    return connectors.find(sql, org, id).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(noConnector())));
  }

  private Future<StoredConnector> writable(SqlClient sql, String org, UUID id) {
    return existing(sql, org, id).compose(connector -> connector.fromFile()
        ? Future.failedFuture(ServiceException.conflict("source",
            "this connector comes from the connectors file and is read-only here"))
        : Future.succeededFuture(connector));
  }

  private Future<Void> audit(SqlClient sql, AdminActor actor, String type, StoredConnector before,
      StoredConnector after) {
    StoredConnector named = after != null ? after : before;
    return outbox.append(sql, AdminChangeEvents.change(type, actor, named.org(), "connector " + named.id(),
        before == null ? null : before.toJson(), after == null ? null : after.toJson()));
  }

  static ServiceException noOrg(String org) {
    return ServiceException.notFound("org", "no org " + org);
  }

  static ServiceException noConnector() {
    return ServiceException.notFound("id", "no such connector");
  }
}
