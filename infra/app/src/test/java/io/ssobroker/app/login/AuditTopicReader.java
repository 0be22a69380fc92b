package io.ssobroker.app.login;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the audit topic from the beginning, the way a security team's consumer would, without a consumer group. Every
 * record read must be a valid audit event (docs/audit-event.schema.json): one that is not fails the test that reads it,
 * and closing the reader reads (and checks) the rest of the topic.
 */
public final class AuditTopicReader implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

  public AuditTopicReader(String bootstrapServers, String topic) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Waits for events matching the filter and returns all of them (at least {@code count}). */
  public List<JsonObject> await(Predicate<JsonObject> filter, int count, Duration timeout) {
    Instant giveUp = Instant.now().plus(timeout);
    while (true) {
      List<JsonObject> matching = seen.stream().map(record -> new JsonObject(record.value())).filter(filter).toList();
      if (matching.size() >= count || Instant.now().isAfter(giveUp)) {
        return matching;
      }
      consumer.poll(Duration.ofMillis(200)).forEach(record -> {
        assertValidEvent(record);
        seen.add(record);
      });
    }
  }

  /** The one event with this id: fails when it is missing. */
  public JsonObject event(String id) {
    List<JsonObject> found = await(event -> id.equals(event.getString("id")), 1, Duration.ofSeconds(20));
    if (found.isEmpty()) {
      throw new AssertionError("audit event " + id + " not on the topic");
    }
    return found.get(0);
  }

  /** The Kafka record key of the event with this id. */
  public String keyOf(String id) {
    event(id);
    return seen.stream().filter(record -> record.value().contains(id)).findFirst().orElseThrow().key();
  }

  private static void assertValidEvent(ConsumerRecord<String, String> record) {
    List<String> violations = AuditEventSchema.violations(record.value());
    if (!violations.isEmpty()) {
      throw new AssertionError("audit event at " + record.topic() + "-" + record.partition() + "@" + record.offset()
          + " does not match docs/audit-event.schema.json: " + violations + "\nevent: " + record.value());
    }
  }

  /** Reads what is left on the topic, so that every event the broker delivered is checked, then closes. */
  @Override
  public void close() {
    try {
      Instant giveUp = Instant.now().plusSeconds(5);
      var records = consumer.poll(Duration.ofMillis(500));
      while (!records.isEmpty() && Instant.now().isBefore(giveUp)) {
        records.forEach(record -> {
          assertValidEvent(record);
          seen.add(record);
        });
        records = consumer.poll(Duration.ofMillis(500));
      }
    } finally {
      consumer.close();
    }
  }
}
