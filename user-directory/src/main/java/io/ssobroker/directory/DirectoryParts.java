package io.ssobroker.directory;

import io.ssobroker.directory.imports.PgImportStaging;
import io.ssobroker.directory.imports.UserImportHandlers;
import io.ssobroker.directory.imports.UserImportService;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.registry.RegistryClient;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;

/** The directory's handlers over its services over its repositories, wired once for the verticle (and its tests). */
record DirectoryParts(UserRepository repository, UserService users, UserHandlers userHandlers, UserExport export,
    ApiKeyHandlers apiKeyHandlers, UserImportService imports, UserImportHandlers importHandlers) {

  /** {@code lookups} answers the logins' single reads; {@code pool} everything else. */
  static DirectoryParts wire(Vertx vertx, Pool pool, SqlClient lookups, AuditOutbox outbox, RegistryClient registry,
      Clock clock) {
    UserRepository repository = new PgUserRepository(pool, lookups);
    ApiKeyRepository keys = new PgApiKeyRepository(pool);
    DirectoryNotices notices = new DirectoryNotices(vertx);
    ApiKeyRevocations revocations = new ApiKeyRevocations(keys, outbox);
    UserService users = new UserService(pool, repository, revocations, outbox, registry, notices);
    ApiKeyService apiKeys = new ApiKeyService(pool, repository, keys, outbox, notices, clock);
    UserImportService imports = new UserImportService(pool, new PgImportStaging(pool), outbox,
        revocations::revokeAllOfDisabled, registry, notices::userChanged);
    return new DirectoryParts(repository, users, new UserHandlers(users), new UserExport(users),
        new ApiKeyHandlers(apiKeys, clock), imports, new UserImportHandlers(imports));
  }
}
