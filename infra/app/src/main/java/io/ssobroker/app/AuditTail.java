package io.ssobroker.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints the audit topic from its beginning, one {@code key<TAB>event JSON} line per record, and follows it:
 * {@code java -cp sso-broker.jar io.ssobroker.app.AuditTail [--bootstrap-server 127.0.0.1:9092] [--topic sso.audit.v1]}.
 * The same as the console consumer of a Kafka download, without one. A plain reader: no consumer group, no commits.
 */
public final class AuditTail {

  private AuditTail() {}

  public static void main(String[] args) {
    Map<String, String> options = new java.util.HashMap<>(Map.of("--bootstrap-server", "127.0.0.1:9092",
        "--topic", "sso.audit.v1"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!options.containsKey(args[i])) {
        System.err.println("usage: AuditTail [--bootstrap-server host:port] [--topic name]");
        System.exit(2);
      }
      options.put(args[i], args[i + 1]);
    }
    Properties settings = new Properties();
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("--bootstrap-server"));
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
      String topic = options.get("--topic");
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
          out.println(record.key() + "\t" + record.value());
        }
      }
    }
  }
}
