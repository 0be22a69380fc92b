package io.ssobroker.audit;

import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.audit.consumer.AuditBatchWriter;
import io.ssobroker.audit.consumer.AuditTopicConsumer;
import io.ssobroker.audit.metrics.AuditMetrics;
import io.ssobroker.audit.ocsf.OcsfAuthentication;
import io.ssobroker.audit.ocsf.OcsfProduct;
import io.ssobroker.audit.ocsf.OcsfPublisher;
import io.ssobroker.audit.query.AuditQueryEndpoint;
import io.ssobroker.audit.retention.RetentionPurge;
import io.ssobroker.audit.store.PgAuditRepository;
import io.ssobroker.platform.audit.AuditProducer;
import io.ssobroker.platform.config.AuditConfig;
import io.ssobroker.platform.config.BrokerConfig.AuditStoreSettings;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.kafka.KafkaTopics;
import io.ssobroker.platform.service.PingResponder;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Optional;

/**
 * The audit log: migrates its schema, makes sure the audit topic exists before anyone publishes to it, then stores
 * what the topic carries (and renders login events as OCSF when asked), answers the audit query API, and purges
 * events older than the retention.
 */
final class AuditVerticle extends VerticleBase {

  /** Events are keyed by org slug, so partitions bound how many orgs are consumed in parallel, not ordering. */
  static final int AUDIT_TOPIC_PARTITIONS = 6;
  static final String CONSUMER_GROUP = "sso-audit-log";
  private static final int POOL_SIZE = 4;
  private static final Duration OCSF_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FIRST_PURGE = Duration.ofMinutes(1);
  private static final Duration PURGE_PERIOD = Duration.ofHours(1);

  private final ServiceContext context;
  private final AuditConfig config;
  private Pool pool;
  private AuditMetrics metrics;
  private Optional<OcsfPublisher> ocsf = Optional.empty();
  private AuditTopicConsumer consumer;
  private RetentionPurge retention;

  AuditVerticle(ServiceContext context, AuditConfig config) {
    this.context = context;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    AuditStoreSettings settings = config.store();
    pool = PgPools.create(vertx, context.database(), "audit", POOL_SIZE);
    PgAuditRepository repository = new PgAuditRepository(pool);
    metrics = new AuditMetrics(context.meters());
    retention = new RetentionPurge(vertx, repository, settings.retention(), context.clock());
    return SchemaMigrator.migrate(vertx, context.database(), "audit")
        .compose(migrated -> ensureTopic(config.auditTopic()))
        .compose(ready -> settings.ocsfEnabled() ? ensureTopic(settings.ocsfTopic()) : Future.succeededFuture())
        .compose(ready -> AuditQueryEndpoint.serve(vertx, repository))
        .compose(serving -> {
          if (settings.ocsfEnabled()) {
            ocsf = Optional.of(new OcsfPublisher(
                new AuditProducer(vertx, context.kafkaBootstrapServers(), OCSF_DELIVERY_TIMEOUT),
                new OcsfAuthentication(OcsfProduct.ofThisBuild(), config.publicBaseUrl().getHost()),
                settings.ocsfTopic()));
          }
          consumer = new AuditTopicConsumer(vertx.getOrCreateContext(), context.kafkaBootstrapServers(), CONSUMER_GROUP,
              config.auditTopic(), new AuditBatchWriter(repository, metrics, ocsf, context.clock()),
              metrics::caughtUp);
          consumer.start();
          retention.schedule(FIRST_PURGE, PURGE_PERIOD);
          return PingResponder.register(vertx, ServiceName.AUDIT_LOG);
        });
  }

  /** The broker starts, and keeps every event in the outboxes, while Kafka is down. */
  private Future<Void> ensureTopic(String topic) {
    return KafkaTopics.ensureOrKeepTrying(vertx, context.kafkaBootstrapServers(), topic, AUDIT_TOPIC_PARTITIONS);
  }

  @Override
  public Future<?> stop() {
    retention.cancel();
    metrics.close();
    Future<Void> consumerStopped = consumer == null ? Future.succeededFuture() : consumer.stop();
    return BusEndpoint.stopServing(vertx).eventually(() -> consumerStopped)
        .eventually(() -> ocsf.map(OcsfPublisher::close).orElseGet(Future::succeededFuture))
        .eventually(() -> pool.close());
  }
}
