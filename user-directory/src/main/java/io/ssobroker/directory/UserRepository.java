package io.ssobroker.directory;

import io.ssobroker.directory.imports.UserRecord;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.directory.DirectoryUser;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Users of the directory ({@code directory.users}), keyed by normalized email. Methods taking a {@link SqlClient} run
 * in the caller's transaction (or on the pool, for a single read).
 */
interface UserRepository {

  Future<Optional<DirectoryUser>> byEmail(EmailAddress email);

  Future<Optional<DirectoryUser>> byId(UUID id);

  /** Inserts or updates every user in one transaction: all of them are written, or none. */
  Future<Void> upsertAll(List<UserRecord> users);

  /** The user as the actor of the console, when active with the admin role of their org. */
  Future<Optional<AdminActor>> consoleAdmin(UUID id);

  Future<Optional<UserAccount>> find(SqlClient sql, UUID id);

  /** The user, locked for an update or deletion until the transaction ends. */
  Future<Optional<UserAccount>> lockForUpdate(SqlClient sql, UUID id);

  /** The user, who may not change or go until the transaction ends (while a key is issued to them). */
  Future<Optional<UserAccount>> lockForShare(SqlClient sql, UUID id);

  /** Up to {@code rows} users of the query, by email. */
  Future<List<UserAccount>> page(UserQuery query, int rows);

  /** Fails with the database's unique violation when the email is taken. */
  Future<UserAccount> insert(SqlClient sql, UUID id, UserRecord user, String role);

  /** Replaces email, name and status, and the role when given. */
  Future<UserAccount> update(SqlClient sql, UUID id, UserRecord fields, Optional<String> role);

  Future<UserAccount> moveTo(SqlClient sql, UUID id, String org);

  Future<Void> delete(SqlClient sql, UUID id);

  /** The next users of the org to delete, locked: at most {@link PgUserRepository#DELETE_BATCH}. */
  Future<List<UserAccount>> lockBatchOf(SqlClient sql, String org);
}
