package io.ssobroker.directory;

import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.audit.AuditProducer;
import io.ssobroker.platform.audit.DeliveryGauges;
import io.ssobroker.platform.audit.OutboxRelay;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.registry.RegistryClient;
import io.ssobroker.platform.service.PingResponder;
import io.ssobroker.platform.config.DirectoryConfig;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user directory: migrates its schema, imports the users file, then answers user look-ups, API keys and the
 * users admin API over the event bus. Its audit events go through its own outbox.
 */
final class DirectoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryVerticle.class);
  private static final int POOL_SIZE = 8;
  private static final int PIPELINED_CONNECTIONS = 2;
  private static final String OUTBOX = "directory.audit_outbox";
  private static final Duration AUDIT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ABANDONED_IMPORT_SWEEP = Duration.ofHours(1);

  private final ServiceContext context;
  private final DirectoryConfig config;
  private Pool pool;
  private SqlClient lookups;
  private AuditProducer producer;
  private OutboxRelay relay;
  private DeliveryGauges gauges;

  DirectoryVerticle(ServiceContext context, DirectoryConfig config) {
    this.context = context;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, context.database(), "directory", POOL_SIZE);
    lookups = PgPools.pipelined(vertx, context.database(), "directory-lookups", PIPELINED_CONNECTIONS);
    producer = new AuditProducer(vertx, context.kafkaBootstrapServers(), AUDIT_DELIVERY_TIMEOUT);
    relay = new OutboxRelay(vertx, pool, OUTBOX, producer, config.auditTopic());
    gauges = new DeliveryGauges(vertx, context.meters()).outbox(pool, OUTBOX);
    AuditOutbox outbox = new AuditOutbox(OUTBOX);
    RegistryClient registry = new RegistryClient(context.busRequester(vertx));
    DirectoryParts parts = DirectoryParts.wire(vertx, pool, lookups, outbox, registry, context.clock());
    return SchemaMigrator.migrate(vertx, context.database(), "directory")
        .compose(migrated -> config.usersFile().map(file -> importUsers(parts.repository(), file))
            .orElse(Future.succeededFuture()))
        .compose(imported -> new DirectoryEndpoints(vertx, parts, relay::nudge).serve())
        .compose(serving -> relay.start())
        .compose(relaying -> {
          vertx.setPeriodic(ABANDONED_IMPORT_SWEEP.toMillis(), tick -> parts.imports().discardAbandoned()
              .onFailure(failure -> LOG.warn("cannot discard abandoned imports: {}", failure.getMessage())));
          return PingResponder.register(vertx, ServiceName.USER_DIRECTORY);
        });
  }

  @Override
  public Future<?> stop() {
    gauges.close();
    return BusEndpoint.stopServing(vertx).eventually(() -> relay.stop()).eventually(() -> producer.close()).eventually(() -> lookups.close())
        .eventually(() -> pool.close());
  }

  private Future<Void> importUsers(UserRepository users, Path file) {
    return vertx.executeBlocking(() -> UsersFile.read(file), false)
        .compose(records -> users.upsertAll(records)
            .onSuccess(done -> LOG.info("imported {} users from {}", records.size(), file)));
  }
}
