package io.ssobroker.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.embedded.EmbeddedKafkaBroker;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.FreePorts;
import io.ssobroker.platform.testing.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool for audit events that PostgreSQL could not take: on disk before the caller hears back, delivered to Kafka
 * in order, kept across a restart while Kafka is down, and a line cut short by a crash skipped.
 */
class AuditSpoolIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir
  Path spoolDirectory;

  private Vertx vertx;
  private String topic;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    topic = "audit.spool.test." + UUID.randomUUID();
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void spooledEventsReachKafkaInOrderAndTheFilesGo() throws Exception {
    TestKafka.createTopic(TestKafka.bootstrapServers(), topic, 1);
    AuditProducer producer = new AuditProducer(vertx, TestKafka.bootstrapServers(), Duration.ofSeconds(5));
    AuditSpool spool = new AuditSpool(vertx, spoolDirectory, producer, topic);
    Await.result(spool.start());
    List<AuditEvent> events = events(50);
    for (AuditEvent event : events) {
      Await.result(spool.append(event));
    }

    List<ConsumerRecord<String, String>> records = TestKafka.readAll(topic, events.size(), PATIENCE);
    assertThat(records).extracting(record -> new JsonObject(record.value()).getString("id"))
        .containsExactlyElementsOf(events.stream().map(event -> event.id().toString()).toList());
    assertThat(records).allSatisfy(record -> assertThat(record.key()).isEqualTo("acme"));
    awaitEmpty(spool);
    try (var files = Files.list(spoolDirectory)) {
      assertThat(files.filter(file -> file.toString().endsWith(".jsonl"))).isEmpty();
    }
    Await.result(spool.stop());
    Await.result(producer.close());
  }

  @Test
  void eventsSpooledWhileKafkaIsDownSurviveARestartAndACutShortLineIsSkipped(@TempDir Path kafkaData)
      throws Exception {
    int port = FreePorts.next();
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(kafkaData, port);
    TestKafka.createTopic(kafka.bootstrapServers(), topic, 1);
    kafka.close();

    AuditProducer deadEnd = new AuditProducer(vertx, kafka.bootstrapServers(), Duration.ofSeconds(1));
    AuditSpool first = new AuditSpool(vertx, spoolDirectory, deadEnd, topic);
    Await.result(first.start());
    List<AuditEvent> events = events(20);
    for (AuditEvent event : events) {
      Await.result(first.append(event));
    }
    assertThat(first.pending()).isEqualTo(20);
    Thread.sleep(2_500);
    assertThat(first.pending()).as("nothing is dropped while Kafka is down").isEqualTo(20);
    Await.result(first.stop());
    Await.result(deadEnd.close());
    Files.writeString(spoolDirectory.resolve("open.jsonl"), "{\"key\": \"acme\", \"value\": \"{\\\"id",
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

    kafka = EmbeddedKafkaBroker.start(kafkaData, port);
    try {
      AuditProducer producer = new AuditProducer(vertx, kafka.bootstrapServers(), Duration.ofSeconds(5));
      AuditSpool second = new AuditSpool(vertx, spoolDirectory, producer, topic);
      Await.result(second.start());
      assertThat(second.pending()).isEqualTo(20);
      List<ConsumerRecord<String, String>> records = TestKafka.readAll(kafka.bootstrapServers(), topic, 20, PATIENCE);
      assertThat(records.stream().map(record -> new JsonObject(record.value()).getString("id")).distinct())
          .containsExactlyElementsOf(events.stream().map(event -> event.id().toString()).toList());
      awaitEmpty(second);
      Await.result(second.stop());
      Await.result(producer.close());
    } finally {
      kafka.close();
    }
  }

  private static void awaitEmpty(AuditSpool spool) throws InterruptedException {
    Instant giveUp = Instant.now().plus(PATIENCE);
    while (spool.pending() > 0 && Instant.now().isBefore(giveUp)) {
      Thread.sleep(50);
    }
    assertThat(spool.pending()).isZero();
  }

  private static List<AuditEvent> events(int count) {
    return IntStream.range(0, count).mapToObj(i -> AuditEvent.builder(AuditEvent.LOGIN_FAILED)
        .failure(LoginFailureCategory.SESSION_CREATION_FAILED, "session_store_unavailable").org("acme")
        .email("user" + i + "@acme.com").build()).toList();
  }
}
