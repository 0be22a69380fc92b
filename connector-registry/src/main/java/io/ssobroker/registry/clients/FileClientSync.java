package io.ssobroker.registry.clients;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.registry.FileDifference;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the database hold the clients of the file (source {@code file}), in one transaction, by the same rule as the
 * connectors file: a file equal to the database writes nothing; one that adds or changes clients is applied and
 * recorded as one {@code admin.clients_file.applied} event; one that lacks clients a file declared before refuses to
 * start unless removals are allowed. A process started without a clients file leaves the file clients as they are:
 * their secret hashes are in the database, so any registry serves them. The broker's own client (source
 * {@code broker}) is written at every start.
 */
public final class FileClientSync {

  private static final String FILE_SOURCE = "file";

  private FileClientSync() {}

  public static Future<FileDifference> apply(Pool pool, ClientRepository repository, AuditOutbox outbox, Path file,
      List<ClientDefinition> clients, boolean removalsAllowed) {
    return pool.withTransaction(sql -> repository.lockFileClients(sql)
        .compose(locked -> repository.list(sql))
        .compose(stored -> {
          FileDifference difference = difference(stored, clients);
          if (difference.none()) {
            return Future.succeededFuture(difference);
          }
          if (!difference.removed().isEmpty() && !removalsAllowed) {
            return Future.failedFuture(new ConfigException("clients file " + file + ": it lacks "
                + difference.removed().size() + " client(s) that a clients file declared: " + difference.removed()
                + ". Start every connector-registry process with the same file; to remove them, set "
                + "fileSync.allowRemovals=true (SSO_FILE_SYNC_ALLOW_REMOVALS) for this start"));
          }
          Future<Void> chain = Future.succeededFuture();
          for (ClientDefinition client : clients) {
            chain = chain.compose(done -> repository.upsertOwnedClient(sql, client, secretHash(client),
                    FILE_SOURCE)
                .compose(written -> written ? Future.succeededFuture() : Future.failedFuture(new ConfigException(
                    "clients file " + file + ": " + client.clientId().orElseThrow()
                        + ": a client created through the admin API has that id"))));
          }
          return chain.compose(done -> repository.deleteFileClientsBut(sql,
                  clients.stream().map(client -> client.clientId().orElseThrow()).toList()))
              .compose(done -> outbox.append(sql, difference.appliedEvent("clients_file", file)))
              .map(difference);
        }));
  }

  /** The broker's own test application client, for this public base URL. */
  public static Future<Void> registerTestApp(Pool pool, ClientRepository repository, URI publicBaseUrl) {
    return repository.upsertOwnedClient(pool, ClientDefinition.testApp(publicBaseUrl), Optional.empty(), "broker")
        .mapEmpty();
  }

  private static FileDifference difference(List<ClientRow> stored, List<ClientDefinition> clients) {
    Map<String, ClientRow> declared = new HashMap<>();
    stored.stream().filter(row -> FILE_SOURCE.equals(row.source()))
        .forEach(row -> declared.put(row.definition().clientId().orElseThrow(), row));
    List<JsonObject> added = new ArrayList<>();
    List<JsonObject> changed = new ArrayList<>();
    for (ClientDefinition client : clients) {
      String clientId = client.clientId().orElseThrow();
      ClientRow row = declared.remove(clientId);
      if (row == null) {
        added.add(named(clientId));
      } else if (!row.definition().toJson().equals(client.toJson())
          || !Arrays.equals(row.secretHash().orElse(null), secretHash(client).orElse(null))) {
        changed.add(named(clientId));
      }
    }
    List<JsonObject> removed = declared.keySet().stream().sorted().map(FileClientSync::named).toList();
    return new FileDifference(added, changed, removed);
  }

  private static Optional<byte[]> secretHash(ClientDefinition client) {
    return client.clientSecret().map(secret -> Tokens.sha256(secret.value()));
  }

  private static JsonObject named(String clientId) {
    return new JsonObject().put("clientId", clientId);
  }
}
