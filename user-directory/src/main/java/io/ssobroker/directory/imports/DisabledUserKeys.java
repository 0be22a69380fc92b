package io.ssobroker.directory.imports;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;

/** Revokes the API keys of a user an import disables, in the import's transaction, as a single update would. */
@FunctionalInterface
public interface DisabledUserKeys {

  /** How many keys were revoked. */
  Future<Integer> revokeAll(SqlClient sql, UUID userId, String email, String org);
}
