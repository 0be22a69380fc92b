package io.ssobroker.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ssobroker.platform.db.DatabaseSettings;
import io.ssobroker.platform.config.AuditConfig;
import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.TestConfig;
import io.ssobroker.platform.testing.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** The audit-log service deployed on its own, against the test JVM's Kafka and a PostgreSQL the test chooses. */
final class AuditLogUnderTest implements AutoCloseable {

  final Vertx vertx;
  final String topic;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ServiceContext context;
  private final AuditConfig config;
  private String deployment;

  AuditLogUnderTest(Vertx vertx, DatabaseSettings database, String topic, String... extraFlags) {
    this.vertx = vertx;
    this.topic = topic;
    List<String> flags = new java.util.ArrayList<>(List.of("--audit-topic", topic));
    flags.addAll(List.of(extraFlags));
    BrokerConfig flagged = TestConfig.fromFlags(vertx, flags.toArray(String[]::new));
    config = flagged.audit();
    context = new ServiceContext(flagged.eventBus(), database, TestKafka.bootstrapServers(), Map.of(), meters,
        java.time.Clock.systemUTC());
  }

  AuditLogUnderTest start() {
    deployment = Await.result(vertx.deployVerticle(new AuditVerticle(context, config)));
    return this;
  }

  void stop() {
    if (deployment != null) {
      Await.result(vertx.undeploy(deployment));
      deployment = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  ServiceContext context() {
    return context;
  }

  /** Publishes raw record values, keyed by org, and waits for Kafka's acknowledgement. */
  void publish(String key, String... values) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
      }
    } catch (Exception failure) {
      throw new IllegalStateException("cannot publish to " + topic, failure);
    }
  }

  void publish(JsonObject... events) {
    for (JsonObject event : events) {
      publish(event.getString("org") == null ? "" : event.getString("org"), event.encode());
    }
  }

  /** Offsets the audit-log's consumer group has committed on this topic, by partition. */
  Map<Integer, Long> committedOffsets() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(AuditVerticle.CONSUMER_GROUP)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      Map<Integer, Long> byPartition = new HashMap<>();
      offsets.forEach((partition, offset) -> {
        if (partition.topic().equals(topic) && offset != null) {
          byPartition.put(partition.partition(), offset.offset());
        }
      });
      return byPartition;
    } catch (Exception failure) {
      throw new IllegalStateException(failure);
    }
  }

  static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
    Instant giveUp = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AssertionError(interrupted);
      }
    }
  }

  static Duration patience() {
    return Duration.ofSeconds(30);
  }
}
