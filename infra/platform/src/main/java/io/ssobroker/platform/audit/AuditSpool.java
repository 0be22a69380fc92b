package io.ssobroker.platform.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit events that PostgreSQL could not take (the outbox is down with it), kept in a local file, each written and
 * forced to disk before the request that produced it answers, then delivered to Kafka from there, at least once and
 * in the order they were written. It survives a restart: files left by a previous run are delivered first.
 *
 * <p>Events are appended to {@code open.jsonl}; the drainer seals that file ({@code sealed-<n>.jsonl}), sends its
 * lines, and deletes it once Kafka has acknowledged all of them. A line that a crash cut short was never acknowledged
 * to anyone and is skipped. File work runs on one thread of its own, never on an event loop.
 */
public final class AuditSpool {

  private static final Logger LOG = LoggerFactory.getLogger(AuditSpool.class);
  private static final String OPEN = "open.jsonl";
  private static final String SEALED_PREFIX = "sealed-";
  private static final long DRAIN_MILLIS = 1_000;
  private static final long MAX_BACKOFF_MILLIS = 10_000;

  private final Vertx vertx;
  private final Path directory;
  private final AuditProducer producer;
  private final String topic;
  private final ExecutorService files = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "sso-audit-spool");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong pending = new AtomicLong();

  // on the files thread only
  private FileChannel open;
  private long nextSealed;

  // on the drainer's context only
  private Context context;
  private boolean running;
  private boolean draining;
  private long timerId = -1;
  private long backoffMillis = DRAIN_MILLIS;

  public AuditSpool(Vertx vertx, Path directory, AuditProducer producer, String topic) {
    this.vertx = vertx;
    this.directory = directory;
    this.producer = producer;
    this.topic = topic;
  }

  /** Counts what a previous run left, then drains in the background. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    return this.<Void>onFilesThread(() -> {
      Files.createDirectories(directory);
      long left = 0;
      for (Path file : spoolFiles()) {
        left += completeLines(file).size();
      }
      pending.set(left);
      nextSealed = sealedFiles().stream().mapToLong(AuditSpool::sealedNumber).max().orElse(0) + 1;
      if (left > 0) {
        LOG.info("audit spool {}: {} events from a previous run to deliver", directory, left);
      }
      return null;
    }).onSuccess(counted -> context.runOnContext(begin -> {
      running = true;
      schedule(0);
    }));
  }

  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    if (context == null) {
      return closeFiles();
    }
    context.runOnContext(ignored -> {
      running = false;
      if (timerId != -1) {
        vertx.cancelTimer(timerId);
      }
      closeFiles().onComplete(stopped);
    });
    return stopped.future();
  }

  /** Completes once the event is on disk. */
  public Future<Void> append(AuditEvent event) {
    byte[] line = (new JsonObject().put("key", event.key()).put("value", event.toJson().encode()).encode() + "\n")
        .getBytes(StandardCharsets.UTF_8);
    return this.<Void>onFilesThread(() -> {
      if (open == null) {
        open = FileChannel.open(directory.resolve(OPEN), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
      }
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        open.write(buffer);
      }
      open.force(false);
      pending.incrementAndGet();
      return null;
    }).onSuccess(written -> nudge());
  }

  /** Events written to the spool and not yet acknowledged by Kafka. */
  public long pending() {
    return pending.get();
  }

  private void nudge() {
    if (context != null) {
      context.runOnContext(ignored -> {
        if (running && !draining && timerId != -1) {
          vertx.cancelTimer(timerId);
          schedule(0);
        }
      });
    }
  }

  private void schedule(long delayMillis) {
    timerId = vertx.setTimer(Math.max(1, delayMillis), fired -> {
      timerId = -1;
      if (running) {
        drainOneFile();
      }
    });
  }

  private void drainOneFile() {
    draining = true;
    onFilesThread(this::nextSealedFile).compose(file -> {
      if (file == null) {
        return Future.succeededFuture(false);
      }
      return onFilesThread(() -> completeLines(file)).compose(lines -> send(lines)
          .compose(sent -> onFilesThread(() -> {
            Files.delete(file);
            pending.addAndGet(-lines.size());
            return true;
          })));
    }).onComplete(drained -> {
      draining = false;
      if (!running) {
        return;
      }
      if (drained.failed()) {
        LOG.debug("audit spool {}: delivery failed, retrying: {}", directory, drained.cause().getMessage());
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        schedule(backoffMillis);
      } else {
        backoffMillis = DRAIN_MILLIS;
        schedule(drained.result() ? 0 : DRAIN_MILLIS);
      }
    });
  }

  /** Every send is issued before any is awaited, so that Kafka receives them pipelined and in order. */
  private Future<Void> send(List<String> lines) {
    List<Future<Void>> sends = new ArrayList<>(lines.size());
    for (String line : lines) {
      JsonObject record;
      try {
        record = new JsonObject(line);
      } catch (RuntimeException corrupt) {
        LOG.error("audit spool {}: skipped a line that is not a spooled event", directory);
        continue;
      }
      sends.add(producer.sendRaw(topic, record.getString("key"), record.getString("value")));
    }
    return Future.join(sends).mapEmpty();
  }

  /** The oldest sealed file; seals the open one first when nothing else is waiting. */
  private Path nextSealedFile() throws IOException {
    List<Path> sealed = sealedFiles();
    if (!sealed.isEmpty()) {
      return sealed.get(0);
    }
    Path openFile = directory.resolve(OPEN);
    if (!Files.exists(openFile) || Files.size(openFile) == 0) {
      return null;
    }
    if (open != null) {
      open.close();
      open = null;
    }
    Path target = directory.resolve(String.format("%s%020d.jsonl", SEALED_PREFIX, nextSealed++));
    Files.move(openFile, target);
    return target;
  }

  private List<Path> sealedFiles() throws IOException {
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(file -> file.getFileName().toString().startsWith(SEALED_PREFIX)).sorted().toList();
    }
  }

  private List<Path> spoolFiles() throws IOException {
    List<Path> all = new ArrayList<>(sealedFiles());
    if (Files.exists(directory.resolve(OPEN))) {
      all.add(directory.resolve(OPEN));
    }
    return all;
  }

  /** Lines ended by a newline; a last line without one was cut short by a crash before it was acknowledged. */
  private static List<String> completeLines(Path file) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int end = content.indexOf('\n'); end >= 0; end = content.indexOf('\n', start)) {
      if (end > start) {
        lines.add(content.substring(start, end));
      }
      start = end + 1;
    }
    return lines;
  }

  private static long sealedNumber(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(SEALED_PREFIX.length(), name.length() - ".jsonl".length()));
  }

  private Future<Void> closeFiles() {
    return onFilesThread(() -> {
      if (open != null) {
        open.close();
        open = null;
      }
      return null;
    }).<Void>mapEmpty().eventually(() -> {
      files.shutdown();
      return Future.succeededFuture();
    });
  }

  private <T> Future<T> onFilesThread(Callable<T> work) {
    Context caller = vertx.getOrCreateContext();
    Promise<T> done = Promise.promise();
    try {
      files.execute(() -> {
        try {
          T result = work.call();
          caller.runOnContext(ignored -> done.complete(result));
        } catch (Exception failure) {
          caller.runOnContext(ignored -> done.fail(failure));
        }
      });
    } catch (RejectedExecutionException stopped) {
      return Future.failedFuture(new IllegalStateException("the audit spool is stopped"));
    }
    return done.future();
  }
}
