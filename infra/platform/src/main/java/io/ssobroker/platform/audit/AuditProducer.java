package io.ssobroker.platform.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes audit events to Kafka with {@code acks=all} and idempotence; a send completes when Kafka has acknowledged
 * the record. {@link KafkaProducer#send} can block (metadata, full buffer), so every call to Kafka runs on one daemon
 * thread owned by this class, in the order the sends were made, never on an event loop.
 */
public final class AuditProducer {

  private static final Logger LOG = LoggerFactory.getLogger(AuditProducer.class);
  private static final Duration MIN_DELIVERY_TIMEOUT = Duration.ofSeconds(1);
  private static final int LINGER_MILLIS = 5;
  private static final int MAX_REQUEST_TIMEOUT_MILLIS = 30_000;
  private static final int MAX_IN_FLIGHT_REQUESTS = 5;
  private static final String SENDER_THREAD_NAME = "sso-audit-producer";

  private final Vertx vertx;
  private final String bootstrapServers;
  private final Map<String, Object> settings;
  private final Duration closeTimeout;
  private final ExecutorService sender = Executors.newSingleThreadExecutor(AuditProducer::senderThread);
  private final AtomicBoolean failing = new AtomicBoolean();

  // used on the sender thread only
  private final Map<String, Long> metadataTimeoutNanosByTopic = new HashMap<>();
  private KafkaProducer<String, String> kafka;

  /** Blocks at most {@code deliveryTimeout} for metadata or buffer space, as for delivery. */
  public AuditProducer(Vertx vertx, String bootstrapServers, Duration deliveryTimeout) {
    this(vertx, bootstrapServers, deliveryTimeout, deliveryTimeout);
  }

  public AuditProducer(Vertx vertx, String bootstrapServers, Duration deliveryTimeout, Duration maxBlock) {
    if (deliveryTimeout.compareTo(MIN_DELIVERY_TIMEOUT) < 0 || deliveryTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("delivery timeout must be between 1 s and 24 days: " + deliveryTimeout);
    }
    if (maxBlock.isNegative()) {
      throw new IllegalArgumentException("max block must not be negative: " + maxBlock);
    }
    this.vertx = vertx;
    this.bootstrapServers = bootstrapServers;
    this.closeTimeout = deliveryTimeout;
    this.settings = settings(bootstrapServers, deliveryTimeout, maxBlock);
  }

  /** Key: the org slug, so that each org's events stay in order; value: the event's JSON. */
  public Future<Void> send(String topic, AuditEvent event) {
    return sendRaw(topic, event.key(), event.toJson().encode());
  }

  public Future<Void> sendRaw(String topic, String key, String jsonValue) {
    Context context = vertx.getOrCreateContext();
    Promise<Void> acknowledged = Promise.promise();
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, jsonValue);
    long queuedAtNanos = System.nanoTime();
    try {
      sender.execute(() -> sendOnSenderThread(record, queuedAtNanos, completing(context, acknowledged)));
    } catch (RejectedExecutionException closed) {
      return Future.failedFuture(new IllegalStateException("the audit producer is closed"));
    }
    return acknowledged.future();
  }

  /** Waits up to the delivery timeout for records already sent, then releases the producer and its thread. */
  public Future<Void> close() {
    Context context = vertx.getOrCreateContext();
    Promise<Void> closed = Promise.promise();
    try {
      sender.execute(() -> {
        discardKafkaProducer(closeTimeout);
        context.runOnContext(ignored -> closed.complete());
      });
    } catch (RejectedExecutionException alreadyClosed) {
      return Future.succeededFuture();
    }
    sender.shutdown();
    return closed.future();
  }

  private void sendOnSenderThread(ProducerRecord<String, String> record, long queuedAtNanos, Callback outcome) {
    if (queuedBeforeMetadataTimeout(record.topic(), queuedAtNanos)) {
      // this record has waited behind a send that found no metadata; waiting again would only multiply the delay
      outcome.onCompletion(null, new TimeoutException("no Kafka metadata for topic " + record.topic()));
      return;
    }
    try {
      java.util.concurrent.Future<RecordMetadata> sent = kafka().send(record, outcome);
      if (sent.isDone() && failedWithTimeout(sent)) {
        metadataTimeoutNanosByTopic.put(record.topic(), System.nanoTime());
      }
    } catch (RuntimeException unusable) {
      // API failures go to the callback; anything thrown means this producer instance cannot be used any more
      discardKafkaProducer(Duration.ZERO);
      outcome.onCompletion(null, unusable);
    }
  }

  private boolean queuedBeforeMetadataTimeout(String topic, long queuedAtNanos) {
    Long timeoutNanos = metadataTimeoutNanosByTopic.get(topic);
    return timeoutNanos != null && timeoutNanos - queuedAtNanos > 0;
  }

  private static boolean failedWithTimeout(java.util.concurrent.Future<RecordMetadata> sent) {
    try {
      sent.get();
      return false;
    } catch (ExecutionException failure) {
      return failure.getCause() instanceof TimeoutException;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private KafkaProducer<String, String> kafka() {
    if (kafka == null) {
      kafka = new KafkaProducer<>(settings);
    }
    return kafka;
  }

  private void discardKafkaProducer(Duration timeout) {
    if (kafka != null) {
      KafkaProducer<String, String> discarded = kafka;
      kafka = null;
      discarded.close(timeout);
    }
  }

  private Callback completing(Context context, Promise<Void> acknowledged) {
    return (metadata, failure) -> {
      noteOutcome(failure);
      context.runOnContext(ignored -> {
        if (failure == null) {
          acknowledged.complete();
        } else {
          acknowledged.fail(failure);
        }
      });
    };
  }

  /** One line when failures start and one when they stop, whatever their number in between. */
  private void noteOutcome(Exception failure) {
    if (failure == null) {
      if (failing.compareAndSet(true, false)) {
        LOG.info("audit events reach Kafka at {} again", bootstrapServers);
      }
    } else if (failing.compareAndSet(false, true)) {
      LOG.warn("audit events do not reach Kafka at {} ({}: {}); the next failures are not logged until one succeeds",
          bootstrapServers, failure.getClass().getSimpleName(), failure.getMessage());
    }
  }

  private static Map<String, Object> settings(String bootstrapServers, Duration deliveryTimeout, Duration maxBlock) {
    int deliveryMillis = (int) deliveryTimeout.toMillis();
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, MAX_IN_FLIGHT_REQUESTS);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MILLIS);
    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMillis);
    // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(MAX_REQUEST_TIMEOUT_MILLIS, deliveryMillis - LINGER_MILLIS));
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return Map.copyOf(settings);
  }

  private static Thread senderThread(Runnable task) {
    Thread thread = new Thread(task, SENDER_THREAD_NAME);
    thread.setDaemon(true);
    return thread;
  }
}
