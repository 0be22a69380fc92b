package io.ssobroker.audit;

import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.kafka.KafkaTopics;
import io.ssobroker.platform.service.PingResponder;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The audit log: migrates its schema and makes sure the audit topic exists before anyone publishes to it. */
final class AuditVerticle extends VerticleBase {

  /** Events are keyed by org slug, so partitions bound how many orgs are consumed in parallel, not ordering. */
  static final int AUDIT_TOPIC_PARTITIONS = 6;

  private final ServiceContext context;

  AuditVerticle(ServiceContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    return SchemaMigrator.migrate(vertx, context.database(), "audit")
        .compose(migrated -> KafkaTopics.ensure(vertx, context.kafkaBootstrapServers(),
            context.config().auditTopic(), AUDIT_TOPIC_PARTITIONS))
        .compose(topicReady -> PingResponder.register(vertx, ServiceName.AUDIT_LOG));
  }
}
