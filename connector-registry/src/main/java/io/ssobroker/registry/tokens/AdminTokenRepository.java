package io.ssobroker.registry.tokens;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The admin tokens table. Writes take the caller's transaction, so that a change and its audit event commit together. */
public interface AdminTokenRepository {

  /** The unrevoked token with this hash. */
  Future<Optional<AdminToken>> findActive(byte[] tokenHash);

  Future<Boolean> platformTokenExists();

  /** The stored token; empty when its org does not exist. */
  Future<Optional<AdminToken>> insert(SqlClient sql, NewAdminToken token);

  /** Every token, or only an org's; oldest first. */
  Future<List<AdminToken>> list(Optional<String> org);

  /** The token just revoked; empty when there is no such unrevoked token (within {@code org}, when given). */
  Future<Optional<AdminToken>> revoke(SqlClient sql, UUID id, Optional<String> org);
}
