package io.ssobroker.platform.testing;

import io.ssobroker.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** One embedded Kafka broker per test JVM, in a temporary directory, stopped when the JVM exits. */
public final class TestKafka {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);

  private static EmbeddedKafkaBroker broker;

  private TestKafka() {}

  public static synchronized String bootstrapServers() {
    if (broker == null) {
      try {
        broker = EmbeddedKafkaBroker.start(Files.createTempDirectory("sso-test-kafka"), FreePorts.next());
      } catch (IOException failure) {
        throw new UncheckedIOException(failure);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    }
    return broker.bootstrapServers();
  }

  /** Creates a topic with one replica, as a single broker requires; blocks until the broker has it. */
  public static void createTopic(String bootstrapServers, String topic, int partitions) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()))) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.of((short) 1))))
          .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failure) {
      throw new IllegalStateException("cannot create topic " + topic, failure.getCause());
    } catch (Exception failure) {
      throw new IllegalStateException("cannot create topic " + topic, failure);
    }
  }

  /** {@link #readAll(String, String, int, Duration)} on this JVM's broker. */
  public static List<ConsumerRecord<String, String>> readAll(String topic, int expectedAtLeast, Duration timeout) {
    return readAll(bootstrapServers(), topic, expectedAtLeast, timeout);
  }

  /**
   * Every record of a topic from the beginning, read by a consumer without a group (so no committed offsets), in each
   * partition's order: at least {@code expectedAtLeast} of them and everything the topic held when called, or what
   * could be read before the timeout.
   */
  public static List<ConsumerRecord<String, String>> readAll(
      String bootstrapServers, String topic, int expectedAtLeast, Duration timeout) {
    Instant giveUp = Instant.now().plus(timeout);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(partition -> new TopicPartition(topic, partition.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, timeout);
      while (Instant.now().isBefore(giveUp)
          && (records.size() < expectedAtLeast || !reachedEnd(consumer, endOffsets))) {
        consumer.poll(POLL).forEach(records::add);
      }
    }
    return records;
  }

  private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> endOffsets) {
    return endOffsets.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }
}
