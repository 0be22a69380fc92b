package io.ssobroker.directory;

import io.ssobroker.platform.audit.AuditOutbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.UUID;

/** Revokes every live API key of a user inside the caller's transaction, one {@code api_key.revoked} event each. */
final class ApiKeyRevocations {

  private final ApiKeyRepository keys;
  private final AuditOutbox outbox;

  ApiKeyRevocations(ApiKeyRepository keys, AuditOutbox outbox) {
    this.keys = keys;
    this.outbox = outbox;
  }

  /** How many keys were revoked. */
  Future<Integer> revokeAll(SqlClient sql, ApiKeyOwner owner, String reason, ClientInfo client) {
    return keys.revokeAllOf(sql, owner.userId(), reason).compose(revoked -> recordEach(sql, owner, reason, client,
        revoked).map(done -> revoked.size()));
  }

  /** For an import that disabled the user: {@link io.ssobroker.directory.imports.DisabledUserKeys}. */
  Future<Integer> revokeAllOfDisabled(SqlClient sql, UUID userId, String email, String org) {
    return revokeAll(sql, new ApiKeyOwner(userId, email, org), "user_disabled", ClientInfo.ADMIN_API);
  }

  private Future<Void> recordEach(SqlClient sql, ApiKeyOwner owner, String reason, ClientInfo client,
      List<ApiKey> revoked) {
    Future<Void> chain = Future.succeededFuture();
    for (ApiKey key : revoked) {
      chain = chain.compose(previous -> outbox.append(sql, DirectoryAuditEvents.apiKey(
          DirectoryAuditEvents.API_KEY_REVOKED, reason, owner, key.toJson(), client)));
    }
    return chain;
  }
}
