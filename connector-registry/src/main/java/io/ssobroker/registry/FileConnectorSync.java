package io.ssobroker.registry;

import io.ssobroker.platform.audit.AuditOutbox;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.registry.ConnectorsFile.FileConnector;
import io.ssobroker.registry.domains.DomainRepository;
import io.ssobroker.registry.orgs.OrgRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
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

  private final Pool pool;
  private final ConnectorRepository connectors;
  private final OrgRepository orgs;
  private final DomainRepository domains;
  private final AuditOutbox outbox;

  FileConnectorSync(Pool pool, ConnectorRepository connectors, OrgRepository orgs, DomainRepository domains,
      AuditOutbox outbox) {
    this.pool = pool;
    this.connectors = connectors;
    this.orgs = orgs;
    this.domains = domains;
    this.outbox = outbox;
  }

  /**
   * Makes the database hold the file's connectors, unless that would remove file connectors and removals are not
   * allowed: a node started with a stale or missing file must not take connectors away from the fleet. A file equal to
   * what the database holds writes nothing; any other application is one {@code admin.connectors_file.applied} event.
   */
  Future<FileDifference> apply(Optional<Path> file, List<FileConnector> declared, boolean removalsAllowed) {
    List<UUID> ids = declared.stream().map(FileConnector::id).toList();
    List<String> fileDomains = declared.stream().flatMap(c -> c.definition().domains().stream()).toList();
    Path named = file.orElse(Path.of("(no connectors file)"));
    return pool.withTransaction(sql -> connectors.lockFileSync(sql)
        .compose(locked -> connectors.declaredByFile(sql))
        .compose(stored -> {
          FileDifference difference = difference(stored, declared);
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
          for (FileConnector connector : declared) {
            chain = chain.compose(done -> write(sql, named, connector));
          }
          return chain
              .compose(done -> connectors.deleteFileConnectorsBut(sql, ids))
              .compose(done -> domains.deleteFileDomainsBut(sql, fileDomains))
              .compose(done -> outbox.append(sql, difference.appliedEvent("connectors_file", named)))
              .map(difference);
        }));
  }

  private static FileDifference difference(List<FileDeclaredConnector> rows, List<FileConnector> connectors) {
    java.util.Map<UUID, FileDeclaredConnector> stored = new java.util.HashMap<>();
    rows.forEach(row -> stored.put(row.id(), row));
    List<JsonObject> added = new ArrayList<>();
    List<JsonObject> changed = new ArrayList<>();
    for (FileConnector connector : connectors) {
      FileDeclaredConnector row = stored.remove(connector.id());
      if (row == null) {
        added.add(named(connector.id(), connector.org()));
      } else if (!sameDeclaration(row, connector)) {
        changed.add(named(connector.id(), connector.org()));
      }
    }
    List<JsonObject> removed = stored.values().stream()
        .map(row -> named(row.id(), row.org())).toList();
    return new FileDifference(added, changed, removed);
  }

  private static boolean sameDeclaration(FileDeclaredConnector row, FileConnector connector) {
    ConnectorDefinition definition = connector.definition();
    return row.org().equals(connector.org())
        && row.kind().equals(definition.kind().value())
        && java.util.Objects.equals(row.displayName(), definition.displayName())
        && "active".equals(row.state())
        && java.util.Objects.equals(row.emailPattern(), definition.emailPattern())
        && java.util.Objects.equals(row.parameters(), definition.settings().toParameters())
        && java.util.Objects.equals(row.claimMapping(), definition.claimMapping().toJson())
        && row.domains().equals(definition.domains().stream().sorted().toList());
  }

  private static JsonObject named(UUID id, String org) {
    return new JsonObject().put("id", id.toString()).put("org", org);
  }


  private Future<Void> write(SqlClient sql, Path file, FileConnector connector) {
    return orgs.ensure(sql, connector.org())
        .compose(done -> connectors.isApiConnector(sql, connector.id()))
        .compose(taken -> taken
            ? Future.failedFuture(new ConfigException("connectors file " + file + ": " + connector.org()
                + ": connector id " + connector.id() + " belongs to a connector created through the admin API"))
            : Future.succeededFuture())
        .compose(done -> claimDomains(sql, file, connector))
        .compose(done -> connectors.upsertFromFile(sql, connector.id(), connector.org(), connector.definition()));
  }

  private Future<Void> claimDomains(SqlClient sql, Path file, FileConnector connector) {
    Future<Void> chain = Future.succeededFuture();
    for (String domain : connector.definition().domains()) {
      chain = chain
          .compose(done -> domains.find(sql, domain))
          .compose(held -> held.isPresent() && !held.get().org().equals(connector.org())
              ? Future.failedFuture(new ConfigException("connectors file " + file + ": " + connector.org()
                  + ": domain " + domain + " belongs to org " + held.get().org()))
              : domains.upsertFromFile(sql, domain, connector.org(), newToken()));
    }
    return chain;
  }

  private static String newToken() {
    return Tokens.randomHex(16);
  }
}
