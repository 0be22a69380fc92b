package io.ssobroker.directory;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.directory.DirectoryUser;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Users of the directory, keyed by normalized email. */
interface UserRepository {

  Future<Optional<DirectoryUser>> byEmail(EmailAddress email);

  Future<Optional<DirectoryUser>> byId(java.util.UUID id);

  /** Inserts or updates every user in one transaction: all of them are written, or none. */
  Future<Void> upsertAll(List<UserRecord> users);
}
