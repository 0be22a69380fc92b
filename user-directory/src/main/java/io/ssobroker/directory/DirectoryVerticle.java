package io.ssobroker.directory;

import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserByEmailRequest;
import io.ssobroker.platform.service.PingResponder;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The user directory: migrates its schema, imports the users file, then answers user look-ups over the event bus. */
final class DirectoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryVerticle.class);
  private static final int POOL_SIZE = 8;

  private final ServiceContext context;
  private Pool pool;

  DirectoryVerticle(ServiceContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, context.database(), "directory", POOL_SIZE);
    UserRepository users = new PgUserRepository(pool);
    return SchemaMigrator.migrate(vertx, context.database(), "directory")
        .compose(migrated -> context.config().usersFile().map(file -> importUsers(users, file)).orElse(Future.succeededFuture()))
        .compose(imported -> serveLookups(users))
        .compose(serving -> PingResponder.register(vertx, ServiceName.USER_DIRECTORY));
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }

  private Future<Void> importUsers(UserRepository users, Path file) {
    return vertx.executeBlocking(() -> UsersFile.read(file), false)
        .compose(records -> users.upsertAll(records)
            .onSuccess(done -> LOG.info("imported {} users from {}", records.size(), file)));
  }

  private Future<?> serveLookups(UserRepository users) {
    return BusEndpoint.serveWhenRegistered(vertx, DirectoryContract.USER_BY_EMAIL, request ->
        users.byEmail(UserByEmailRequest.fromJson(request).email())
            .map(found -> found.map(DirectoryUser::toJson)
                .orElseThrow(() -> ServiceException.notFound("no user with that email"))));
  }
}
