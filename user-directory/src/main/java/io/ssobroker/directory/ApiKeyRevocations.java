package io.ssobroker.directory;

import io.ssobroker.platform.audit.AuditOutbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** Revokes every live API key of a user inside the caller's transaction, one {@code api_key.revoked} event each. */
final class ApiKeyRevocations {

  private static final String REVOKE_ALL = "update directory.api_keys set revoked_at = now(), revoked_reason = $2 "
      + "where user_id = $1 and revoked_at is null returning " + ApiKeyStore.COLUMNS;

  private final AuditOutbox outbox;

  ApiKeyRevocations(AuditOutbox outbox) {
    this.outbox = outbox;
  }

  /** How many keys were revoked. */
  Future<Integer> revokeAll(SqlConnection sql, ApiKeyOwner owner, String reason, ClientInfo client) {
    return sql.preparedQuery(REVOKE_ALL).execute(Tuple.of(owner.userId(), reason)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        chain = chain.compose(previous -> outbox.append(sql, DirectoryAuditEvents.apiKey(
            DirectoryAuditEvents.API_KEY_REVOKED, reason, owner, ApiKeyStore.describe(row), client)));
      }
      return chain.map(done -> rows.rowCount());
    });
  }
}
