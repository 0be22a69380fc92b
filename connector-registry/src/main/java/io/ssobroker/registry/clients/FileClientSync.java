package io.ssobroker.registry.clients;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Makes the database hold exactly the clients of the file (source {@code file}), in one transaction. A process started
 * without a clients file leaves the file clients as they are: another node may be the one that has the file. The
 * broker's own client (source {@code broker}) is written at every start.
 */
public final class FileClientSync {

  private FileClientSync() {}

  public static Future<Void> apply(Pool pool, Path file, List<ClientDefinition> clients) {
    return pool.withTransaction(sql -> {
      Future<Void> chain = Future.succeededFuture();
      for (ClientDefinition client : clients) {
        chain = chain.compose(done -> ClientRepository.upsertOwnedClient(sql, client,
                client.clientSecret().map(secret -> Tokens.sha256(secret.value())), "file")
            .compose(written -> written ? Future.succeededFuture() : Future.failedFuture(new ConfigException(
                "clients file " + file + ": " + client.clientId().orElseThrow()
                    + ": a client created through the admin API has that id"))));
      }
      return chain.compose(done -> ClientRepository.deleteFileClientsBut(sql,
          clients.stream().map(client -> client.clientId().orElseThrow()).toList()));
    });
  }

  /** The broker's own test application client, for this public base URL. */
  public static Future<Void> registerTestApp(Pool pool, URI publicBaseUrl) {
    return ClientRepository.upsertOwnedClient(pool, ClientDefinition.testApp(publicBaseUrl), Optional.empty(), "broker")
        .mapEmpty();
  }
}
