package io.ssobroker.directory;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys of users ({@code directory.api_keys}); methods taking a {@link SqlClient} run in the caller's transaction. */
interface ApiKeyRepository {

  /** What introspection needs of a key found by its hash: its state and its user's. */
  record KeyHolder(UUID userId, String org, String userStatus, Optional<Instant> expiresAt, boolean revoked) {}

  /** A key to store: only the hash of the key itself. */
  record NewKey(UUID id, UUID userId, String name, byte[] keyHash, String hint, Optional<Instant> expiresAt) {}

  /** Keys of the user neither revoked nor expired at {@code now}. */
  Future<Long> countLive(SqlClient sql, UUID userId, Instant now);

  Future<ApiKey> insert(SqlClient sql, NewKey key);

  /** The user's keys that were not revoked, expired ones included, oldest first. */
  Future<List<ApiKey>> unrevoked(UUID userId);

  /** Revokes one of the user's live keys; empty when the user has no such key. */
  Future<Optional<ApiKey>> revoke(SqlClient sql, UUID keyId, UUID userId);

  /** Revokes every live key of the user, giving this reason. */
  Future<List<ApiKey>> revokeAllOf(SqlClient sql, UUID userId, String reason);

  Future<Optional<KeyHolder>> holderOf(byte[] keyHash);
}
