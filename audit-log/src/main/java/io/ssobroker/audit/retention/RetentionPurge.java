package io.ssobroker.audit.retention;

import io.ssobroker.audit.store.AuditRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes stored events older than {@code audit.retention}, in small batches with a pause between them, so that the
 * store never holds a long lock or a long transaction while events keep arriving. One purge at a time per instance;
 * several instances skip each other's locked rows.
 */
public final class RetentionPurge {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
  static final int BATCH_SIZE = 1000;
  private static final Duration PAUSE_BETWEEN_BATCHES = Duration.ofMillis(50);

  private final Vertx vertx;
  private final AuditRepository repository;
  private final Duration retention;
  private final Clock clock;
  private final int batchSize;
  private boolean running;
  private long timer = -1;

  public RetentionPurge(Vertx vertx, AuditRepository repository, Duration retention, Clock clock) {
    this(vertx, repository, retention, clock, BATCH_SIZE);
  }

  RetentionPurge(Vertx vertx, AuditRepository repository, Duration retention, Clock clock, int batchSize) {
    this.vertx = vertx;
    this.repository = repository;
    this.retention = retention;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  /** Purges once after {@code firstDelay}, then every {@code period}. Call on the verticle's context. */
  public void schedule(Duration firstDelay, Duration period) {
    timer = vertx.setTimer(firstDelay.toMillis(), first -> {
      purgeInBackground();
      timer = vertx.setPeriodic(period.toMillis(), tick -> purgeInBackground());
    });
  }

  public void cancel() {
    vertx.cancelTimer(timer);
  }

  private void purgeInBackground() {
    if (running) {
      return;
    }
    running = true;
    purge().onComplete(result -> {
      running = false;
      if (result.failed()) {
        LOG.warn("audit retention purge failed, next attempt at the next period: {}", result.cause().toString());
      } else if (result.result() > 0) {
        LOG.info("deleted {} audit events older than {}", result.result(), retention);
      }
    });
  }

  /** Deletes every event older than the retention, batch after batch; answers how many. */
  public Future<Long> purge() {
    return purgeFrom(clock.instant().minus(retention), 0);
  }

  private Future<Long> purgeFrom(Instant cutoff, long deletedSoFar) {
    return repository.purgeBatch(cutoff, batchSize).compose(deleted -> {
      long total = deletedSoFar + deleted;
      if (deleted < batchSize) {
        return Future.succeededFuture(total);
      }
      Promise<Void> paused = Promise.promise();
      vertx.setTimer(PAUSE_BETWEEN_BATCHES.toMillis(), fired -> paused.complete());
      return paused.future().compose(next -> purgeFrom(cutoff, total));
    });
  }
}
