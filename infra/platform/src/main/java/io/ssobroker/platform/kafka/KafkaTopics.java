package io.ssobroker.platform.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates topics that must exist before anything is published; an existing topic is left as it is. */
public final class KafkaTopics {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
  private static final int ADMIN_TIMEOUT_MILLIS = 15_000;
  private static final int FIRST_ATTEMPT_TIMEOUT_MILLIS = 5_000;
  private static final Duration RETRY = Duration.ofSeconds(5);

  private KafkaTopics() {}

  /**
   * Like {@link #ensure}, but a service must start (and keep its events in its outbox) while Kafka is down: completes
   * when the topic is there, or after one failed attempt of a few seconds, and then keeps trying in the background.
   */
  public static Future<Void> ensureOrKeepTrying(Vertx vertx, String bootstrapServers, String topic, int partitions) {
    return ensure(vertx, bootstrapServers, topic, partitions, FIRST_ATTEMPT_TIMEOUT_MILLIS).recover(failure -> {
      LOG.warn("cannot make sure Kafka topic {} exists ({}); starting anyway, retrying every {} s", topic,
          failure.getMessage(), RETRY.toSeconds());
      retryInBackground(vertx, bootstrapServers, topic, partitions);
      return Future.succeededFuture();
    });
  }

  private static void retryInBackground(Vertx vertx, String bootstrapServers, String topic, int partitions) {
    vertx.setTimer(RETRY.toMillis(), retry -> ensure(vertx, bootstrapServers, topic, partitions)
        .onSuccess(created -> LOG.info("Kafka topic {} is ready", topic))
        .onFailure(failure -> retryInBackground(vertx, bootstrapServers, topic, partitions)));
  }

  public static Future<Void> ensure(Vertx vertx, String bootstrapServers, String topic, int partitions) {
    return ensure(vertx, bootstrapServers, topic, partitions, ADMIN_TIMEOUT_MILLIS);
  }

  private static Future<Void> ensure(Vertx vertx, String bootstrapServers, String topic, int partitions,
      int timeoutMillis) {
    return vertx.executeBlocking(() -> {
      try (Admin admin = Admin.create(Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis,
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis))) {
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
      } catch (ExecutionException failure) {
        if (!(failure.getCause() instanceof TopicExistsException)) {
          throw failure;
        }
      }
      return null;
    }, false);
  }
}
