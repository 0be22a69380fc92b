package io.ssobroker.audit;

import static io.ssobroker.audit.AuditLogUnderTest.awaitTrue;
import static io.ssobroker.audit.AuditLogUnderTest.patience;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ssobroker.audit.consumer.AuditBatchWriter;
import io.ssobroker.audit.metrics.AuditMetrics;
import io.ssobroker.audit.ocsf.OcsfAuthentication;
import io.ssobroker.audit.ocsf.OcsfProduct;
import io.ssobroker.audit.ocsf.OcsfPublisher;
import io.ssobroker.audit.store.ConsumedEvent;
import io.ssobroker.audit.store.PgAuditRepository;
import io.ssobroker.platform.audit.AuditProducer;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.TestKafka;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With audit.ocsf.enabled, each newly stored login outcome reaches the OCSF topic, at least once, keyed by org. */
@ExtendWith(VertxExtension.class)
class OcsfDeliveryIT {

  @Test
  void loginOutcomesReachTheOcsfTopicKeyedByOrgAndDuplicatesAreNotRenderedAgain(Vertx vertx) {
    String ocsfTopic = "ocsf.test." + UUID.randomUUID();
    try (AuditLogUnderTest auditLog = new AuditLogUnderTest(vertx, TestPostgres.settings(),
        "audit.ocsf.it." + UUID.randomUUID(), "--audit-ocsf-enabled", "true", "--audit-ocsf-topic", ocsfTopic)) {
      auditLog.start();
      JsonObject succeeded = TestEvents.succeeded("ocsf-acme", "a@acme.com", Instant.now());
      JsonObject failed = TestEvents.failed("ocsf-globex", "b@globex.com", LoginFailureCategory.USER_NOT_ALLOWED,
          "org_mismatch", Instant.now());
      JsonObject logout = TestEvents.logout("ocsf-acme", "a@acme.com", Instant.now());

      auditLog.publish(TestEvents.started("ocsf-acme", "a@acme.com", Instant.now()), succeeded, failed, logout,
          TestEvents.admin("admin.org.updated", "ocsf-acme", Instant.now()), succeeded);
      awaitTrue("six records committed", patience(),
          () -> auditLog.committedOffsets().values().stream().mapToLong(Long::longValue).sum() == 6);

      List<ConsumerRecord<String, String>> rendered = TestKafka.readAll(ocsfTopic, 3, Duration.ofSeconds(10));
      assertThat(rendered).hasSize(3);
      assertThat(rendered).allSatisfy(record -> assertThat(record.key())
          .isEqualTo(new JsonObject(record.value()).getJsonObject("metadata").getString("tenant_uid")));
      assertThat(rendered.stream().map(record -> new JsonObject(record.value()).getJsonObject("metadata")
          .getString("uid"))).containsExactlyInAnyOrder(succeeded.getString("id"), failed.getString("id"),
          logout.getString("id"));
    }
  }

  @Test
  void aRenderingNotMarkedAsPublishedIsPublishedAgainNeverLost(Vertx vertx) {
    String ocsfTopic = "ocsf.retry." + UUID.randomUUID();
    TestKafka.createTopic(TestKafka.bootstrapServers(), ocsfTopic, 1);
    Await.result(SchemaMigrator.migrate(vertx, TestPostgres.settings(), "audit"));
    Pool pool = PgPools.create(vertx, TestPostgres.settings(), "test", 2);
    AuditProducer producer = new AuditProducer(vertx, TestKafka.bootstrapServers(), Duration.ofSeconds(10));
    try {
      AtomicBoolean failOnce = new AtomicBoolean(true);
      DelegatingRepository flaky = new DelegatingRepository(new PgAuditRepository(pool)) {
        @Override
        public Future<Void> ocsfPublished(Collection<UUID> ids) {
          return failOnce.getAndSet(false) ? Future.failedFuture(new IllegalStateException("connection lost"))
              : super.ocsfPublished(ids);
        }
      };
      OcsfPublisher publisher = new OcsfPublisher(producer,
          new OcsfAuthentication(OcsfProduct.ofThisBuild(), "login.example.com"), ocsfTopic);
      AuditBatchWriter writer = new AuditBatchWriter(flaky, new AuditMetrics(new SimpleMeterRegistry()),
          Optional.of(publisher), Clock.systemUTC());
      JsonObject event = TestEvents.failed("ocsf-retry", "r@retry.com", LoginFailureCategory.STATE_INVALID,
          "replayed", Instant.now());
      List<ConsumedEvent> batch = List.of(((ConsumedEvent.Accepted) ConsumedEvent.parse(event.encode())).event());

      assertThat(Await.failure(writer.write(batch))).hasMessage("connection lost");
      Await.result(writer.write(batch));
      Await.result(writer.write(batch));

      List<ConsumerRecord<String, String>> rendered = TestKafka.readAll(ocsfTopic, 2, Duration.ofSeconds(10));
      assertThat(rendered).as("published when first stored, again since not marked, then never").hasSize(2)
          .allSatisfy(record -> assertThat(new JsonObject(record.value()).getJsonObject("metadata").getString("uid"))
              .isEqualTo(event.getString("id")));
    } finally {
      Await.result(producer.close());
      Await.result(pool.close());
    }
  }
}
