package io.ssobroker.registry.clients;

import io.ssobroker.platform.client.ClientDefinition;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;

/**
 * The product clients' table. Each statement runs on the client given: the pool, or the transaction that also
 * appends the change's audit event.
 */
public interface ClientRepository {

  /** A client of the admin API (source {@code api}); empty when its id is taken. */
  Future<Optional<ClientRow>> insert(SqlClient sql, ClientDefinition client, Optional<byte[]> secretHash);

  /** The client, locked until the transaction ends when {@code forUpdate}. */
  Future<Optional<ClientRow>> byId(SqlClient sql, String clientId, boolean forUpdate);

  /** Every client, by id. */
  Future<List<ClientRow>> list(SqlClient sql);

  /** Replaces everything but the id, the type, the secret and the source. */
  Future<ClientRow> update(SqlClient sql, ClientDefinition client);

  Future<ClientRow> setSecret(SqlClient sql, String clientId, byte[] secretHash);

  Future<Boolean> delete(SqlClient sql, String clientId);

  /**
   * Writes a client that the file ({@code source} {@code file}) or the broker itself ({@code broker}) owns; answers
   * false when a client of another source holds its id (it is not taken over).
   */
  Future<Boolean> upsertOwnedClient(SqlClient sql, ClientDefinition client, Optional<byte[]> secretHash,
      String source);

  /** Concurrent starts of several registry processes apply their clients files one after the other. */
  Future<Void> lockFileClients(SqlClient sql);

  /** Deletes the file clients whose ids are not kept. */
  Future<Void> deleteFileClientsBut(SqlClient sql, List<String> kept);
}
