package io.ssobroker.registry.setup;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The setup links table. Writes take the caller's transaction, so that a change and its audit event commit together. */
public interface SetupLinkRepository {

  /** The link stored; empty when its org does not exist. */
  Future<Optional<SetupLink>> insert(SqlClient sql, NewSetupLink link);

  /** An org's links, newest first. */
  Future<List<SetupLink>> list(String org);

  /** The link just revoked; empty when the org has no such unrevoked link. */
  Future<Optional<SetupLink>> revoke(SqlClient sql, UUID id, String org, Instant at);

  /** The link of this secret's hash, locked until the transaction ends. */
  Future<Optional<SetupLink>> lockByLink(SqlClient sql, byte[] linkHash);

  /** Binds the link to the console session of this hash. */
  Future<SetupLink> redeem(SqlClient sql, UUID id, Instant at, byte[] sessionHash);

  /** The link whose console session has this hash, while it is neither expired nor revoked at {@code now}. */
  Future<Optional<SetupLink>> findBySession(byte[] sessionHash, Instant now);
}
