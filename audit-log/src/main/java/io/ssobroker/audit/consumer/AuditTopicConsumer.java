package io.ssobroker.audit.consumer;

import io.ssobroker.audit.store.ConsumedEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the audit topic in a consumer group, on a thread of its own (a {@link KafkaConsumer} blocks and belongs to
 * one thread): poll, hand the batch to the writer on the verticle's context, and commit its offsets only once the
 * writer has succeeded. A failed write commits nothing: the batch is read again from its first offsets after a
 * back-off (200 ms doubling to 10 s), for as long as it takes. Records that are not audit events are skipped with a
 * warning that names their partition and offset only.
 */
public final class AuditTopicConsumer {

  /** Writes one batch, on the verticle's context; the batch's offsets are committed when the future succeeds. */
  @FunctionalInterface
  public interface BatchWriter {
    Future<Void> write(List<ConsumedEvent> events);
  }

  private static final Logger LOG = LoggerFactory.getLogger(AuditTopicConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_POLL_RECORDS = 500;
  // Under load, Kafka answers a fetch once this much has gathered (or after the wait): fewer, larger batches, so
  // fewer inserts and offset commits per event, for at most this much delay before events are queryable.
  private static final int FETCH_MIN_BYTES = 64 * 1024;
  private static final int FETCH_MAX_WAIT_MILLIS = 200;
  private static final String THREAD_NAME = "sso-audit-consumer";

  private final Context context;
  private final String topic;
  private final Map<String, Object> settings;
  private final BatchWriter writer;
  private final Runnable caughtUp;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(AuditTopicConsumer::consumerThread);
  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<Void> stopSignal = new CompletableFuture<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final AtomicReference<KafkaConsumer<String, String>> polling = new AtomicReference<>();

  // used on the consumer thread only
  private boolean failing;

  /**
   * @param context where the writer runs: the verticle's
   * @param caughtUp run (on the consumer thread) when a poll finds nothing new
   */
  public AuditTopicConsumer(Context context, String bootstrapServers, String groupId, String topic, BatchWriter writer,
      Runnable caughtUp) {
    this.context = context;
    this.topic = topic;
    this.settings = settings(bootstrapServers, groupId);
    this.writer = writer;
    this.caughtUp = caughtUp;
  }

  public void start() {
    if (started.compareAndSet(false, true)) {
      thread.execute(this::run);
    }
  }

  /** Completes once the consumer has left its group and its thread has ended; a batch being written is not committed. */
  public Future<Void> stop() {
    stopSignal.complete(null);
    KafkaConsumer<String, String> consumer = polling.get();
    if (consumer != null) {
      consumer.wakeup();
    }
    thread.shutdown();
    if (!started.get()) {
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(stopped, context);
  }

  private void run() {
    try {
      while (!stopping()) {
        consumeUntilStoppedOrBroken();
      }
    } finally {
      stopped.complete(null);
    }
  }

  private void consumeUntilStoppedOrBroken() {
    KafkaConsumer<String, String> consumer = null;
    try {
      consumer = new KafkaConsumer<>(settings);
      polling.set(consumer);
      if (stopping()) {
        return;
      }
      consumer.subscribe(List.of(topic));
      consume(consumer);
    } catch (WakeupException | InterruptException stopRequested) {
      // stop() woke the consumer up
    } catch (RuntimeException unexpected) {
      LOG.error("the audit topic consumer failed; it starts again in {} s", MAX_RETRY_DELAY.toSeconds(), unexpected);
      pause(MAX_RETRY_DELAY);
    } finally {
      polling.set(null);
      if (consumer != null) {
        close(consumer);
      }
    }
  }

  private static void close(KafkaConsumer<String, String> consumer) {
    try {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } catch (RuntimeException notLeftCleanly) {
      LOG.warn("the audit topic consumer did not close cleanly: {}", notLeftCleanly.toString());
    }
  }

  private void consume(KafkaConsumer<String, String> consumer) {
    Duration retryDelay = FIRST_RETRY_DELAY;
    while (!stopping()) {
      ConsumerRecords<String, String> records = consumer.poll(POLL_TIMEOUT);
      if (records.isEmpty()) {
        caughtUp.run();
        continue;
      }
      ConsumedBatch batch = ConsumedBatch.of(records);
      if (written(batch)) {
        retryDelay = FIRST_RETRY_DELAY;
        batch.skipped().forEach(skipped -> LOG.warn("skipped a record of {} that is not an audit event: "
            + "partition {}, offset {}: {}", skipped.topic(), skipped.partition(), skipped.offset(),
            skipped.refusal().description()));
        commit(consumer, batch.offsetsToCommit());
      } else if (!stopping()) {
        rewind(consumer, batch.firstOffsets());
        pause(retryDelay);
        retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY
            : retryDelay.multipliedBy(2);
      }
    }
  }

  /** Runs the writer on the verticle's context and waits for it, at most {@link #WRITE_TIMEOUT} or until stopped. */
  private boolean written(ConsumedBatch batch) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(ignored -> {
      Future<Void> writing;
      try {
        writing = writer.write(batch.events());
      } catch (RuntimeException failure) {
        writing = Future.failedFuture(failure);
      }
      writing.onComplete(result -> {
        if (result.succeeded()) {
          done.complete(null);
        } else {
          done.completeExceptionally(result.cause());
        }
      });
    });
    try {
      CompletableFuture.anyOf(done, stopSignal).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (done.isDone() && !done.isCompletedExceptionally()) {
        writeSucceeded();
        return true;
      }
      return false;
    } catch (ExecutionException failure) {
      writeFailed(failure.getCause());
    } catch (TimeoutException slow) {
      writeFailed(slow);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptException(interrupted);
    }
    return false;
  }

  private static void commit(KafkaConsumer<String, String> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException | InterruptException stopping) {
      throw stopping;
    } catch (KafkaException notCommitted) {
      LOG.warn("audit offsets not committed ({}); those events will be read again and deduplicated",
          notCommitted.toString());
    }
  }

  /** Back to the first record of the failed batch in each partition this consumer still owns. */
  private static void rewind(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> firstOffsets) {
    Set<TopicPartition> owned = consumer.assignment();
    firstOffsets.forEach((partition, offset) -> {
      if (owned.contains(partition)) {
        consumer.seek(partition, offset);
      }
    });
  }

  /** One line when writes start failing and one when they work again, whatever the number of attempts between. */
  private void writeFailed(Throwable failure) {
    if (!failing) {
      failing = true;
      LOG.warn("audit events cannot be stored ({}: {}); nothing is committed, retrying with back-off",
          failure.getClass().getSimpleName(), failure.getMessage());
    }
  }

  private void writeSucceeded() {
    if (failing) {
      failing = false;
      LOG.info("audit events are stored again");
    }
  }

  private void pause(Duration delay) {
    try {
      stopSignal.get(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException waitedLongEnough) {
      // time to try again
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean stopping() {
    return stopSignal.isDone() || Thread.currentThread().isInterrupted();
  }

  private static Map<String, Object> settings(String bootstrapServers, String groupId) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, groupId,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MILLIS,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
  }

  private static Thread consumerThread(Runnable task) {
    Thread thread = new Thread(task, THREAD_NAME);
    thread.setDaemon(true);
    return thread;
  }
}
