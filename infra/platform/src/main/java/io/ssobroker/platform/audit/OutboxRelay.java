package io.ssobroker.platform.audit;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an outbox table to a Kafka topic, at least once and in {@code seq} order (so in order per org, the record
 * key). Rows are deleted only once Kafka has acknowledged them; a failed batch is sent again, whole, after a back-off.
 *
 * <p>Only the relay holding the table's session-level advisory lock delivers; the others retry taking it every few
 * seconds, so a standby takes over when the holder's process dies. The relay's queries run on the connection that
 * holds the lock: when that session is gone, so is the right to delete rows.
 *
 * <p>All state is confined to the Vert.x context of {@link #start()}.
 */
public final class OutboxRelay {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  private static final int BATCH_SIZE = 500;
  private static final String TRY_LOCK = "select pg_try_advisory_lock(hashtext($1))";
  private static final String UNLOCK = "select pg_advisory_unlock(hashtext($1))";
  private static final String UNLOCK_ALL = "select pg_advisory_unlock_all()";
  private static final String SELECT_BATCH = "select seq, org, payload::text from %s order by seq limit " + BATCH_SIZE;
  private static final String DELETE_DELIVERED = "delete from %s where seq = any($1)";
  private static final String COUNT = "select count(*) from %s";

  private static final long POLL_MILLIS = 200;
  private static final long LINGER_MILLIS = 20;
  private static final long LOCK_RETRY_MILLIS = 2_000;
  private static final long MIN_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final Vertx vertx;
  private final Pool pool;
  private final String table;
  private final AuditProducer producer;
  private final String topic;
  private final String selectBatch;
  private final String deleteDelivered;
  private final String count;
  private final Promise<Void> firstLockAttempt = Promise.promise();
  private final Promise<Void> stopped = Promise.promise();
  private final AtomicBoolean nudgeQueued = new AtomicBoolean();

  private volatile boolean holdingLock;
  private Context context;
  private boolean running;
  private boolean busy;
  private boolean idle;
  private boolean nudged;
  private boolean databaseFailing;
  private long timerId = -1;
  private long backoffMillis = MIN_BACKOFF_MILLIS;
  private SqlConnection lockConnection;

  public OutboxRelay(Vertx vertx, Pool pool, String qualifiedTable, AuditProducer producer, String topic) {
    this.vertx = vertx;
    this.pool = pool;
    this.table = AuditOutbox.requireTableName(qualifiedTable);
    this.producer = producer;
    this.topic = topic;
    this.selectBatch = SELECT_BATCH.formatted(table);
    this.deleteDelivered = DELETE_DELIVERED.formatted(table);
    this.count = COUNT.formatted(table);
  }

  /** Completes after the first attempt to take the lock, taken or not; a relay is started once. */
  public synchronized Future<Void> start() {
    if (context != null) {
      return Future.failedFuture(new IllegalStateException("the relay of " + table + " was already started"));
    }
    context = vertx.getOrCreateContext();
    context.runOnContext(ignored -> {
      running = true;
      takeLock();
    });
    return firstLockAttempt.future();
  }

  /** Ends the loop once the step under way (a query or a batch send) is done, and releases the lock. */
  public synchronized Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    context.runOnContext(ignored -> {
      if (!running) {
        return;
      }
      running = false;
      if (!busy) {
        cancelTimer();
        shutDown();
      }
    });
    return stopped.future();
  }

  /**
   * Delivers within a few milliseconds rather than at the next poll: called right after events were committed. Nudges
   * that come while one is on its way to the relay's context are folded into it, each one waking that thread otherwise.
   */
  public void nudge() {
    Context started = startedContext();
    if (started != null && nudgeQueued.compareAndSet(false, true)) {
      started.runOnContext(ignored -> {
        nudgeQueued.set(false);
        onNudge();
      });
    }
  }

  /** Rows still waiting for delivery, whichever relay holds the lock. */
  public Future<Long> undelivered() {
    return pool.query(count).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** Whether this relay is the one delivering the table. */
  public boolean holdsLock() {
    return holdingLock;
  }

  private synchronized Context startedContext() {
    return context;
  }

  private void takeLock() {
    runStep(pool.getConnection().compose(this::tryLock), this::afterLockAttempt);
  }

  private Future<Boolean> tryLock(SqlConnection connection) {
    return connection.preparedQuery(TRY_LOCK).execute(Tuple.of(table))
        .map(rows -> rows.iterator().next().getBoolean(0))
        .andThen(taken -> {
          if (taken.succeeded() && taken.result()) {
            lockConnection = connection;
            holdingLock = true;
          } else {
            connection.close();
          }
        });
  }

  private void afterLockAttempt(AsyncResult<Boolean> taken) {
    firstLockAttempt.tryComplete();
    if (taken.failed()) {
      databaseFailed(taken.cause());
      schedule(nextBackoff(), this::takeLock);
    } else if (taken.result()) {
      LOG.info("relaying audit outbox {} to Kafka topic {}", table, topic);
      deliverNextBatch();
    } else {
      schedule(LOCK_RETRY_MILLIS, this::takeLock);
    }
  }

  private void deliverNextBatch() {
    nudged = false;
    runStep(deliverBatch(lockConnection), this::afterBatch);
  }

  /** The number of rows delivered: zero when the table is empty. */
  private Future<Integer> deliverBatch(SqlConnection connection) {
    return connection.preparedQuery(selectBatch).execute()
        .map(OutboxRelay::outboxRows)
        .compose(rows -> rows.isEmpty()
            ? Future.succeededFuture(0)
            : publish(rows)
                .compose(published -> connection.preparedQuery(deleteDelivered).execute(seqsOf(rows)))
                .map(rows.size()));
  }

  /** Every send is issued before any is awaited, so that Kafka receives the batch pipelined and in order. */
  private Future<Void> publish(List<OutboxRow> rows) {
    List<Future<Void>> sends = new ArrayList<>(rows.size());
    for (OutboxRow row : rows) {
      sends.add(producer.sendRaw(topic, row.org(), row.payload()));
    }
    return Future.join(sends)
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(new PublishFailed(failure)));
  }

  private void afterBatch(AsyncResult<Integer> delivered) {
    if (delivered.succeeded()) {
      databaseRecovered();
      backoffMillis = MIN_BACKOFF_MILLIS;
      if (delivered.result() == BATCH_SIZE) {
        deliverNextBatch();
      } else {
        waitForEvents();
      }
    } else if (delivered.cause() instanceof PublishFailed) {
      // the rows are still in the table: the same batch is read and sent again, with the same ids
      LOG.debug("audit outbox {}: batch not acknowledged by Kafka, retrying", table);
      schedule(nextBackoff(), this::deliverNextBatch);
    } else {
      databaseFailed(delivered.cause());
      releaseLock();
      schedule(nextBackoff(), this::takeLock);
    }
  }

  /** Until the next poll, or shortly after a nudge, so that events committed close together travel in one batch. */
  private void waitForEvents() {
    idle = true;
    schedule(nudged ? LINGER_MILLIS : POLL_MILLIS, this::deliverAfterWaiting);
  }

  private void deliverAfterWaiting() {
    idle = false;
    deliverNextBatch();
  }

  private void onNudge() {
    if (!running) {
      return;
    }
    if (idle && !nudged) {
      cancelTimer();
      schedule(LINGER_MILLIS, this::deliverAfterWaiting);
    }
    nudged = true;
  }

  /** Runs one asynchronous step; its continuation runs only if the relay was not stopped meanwhile. */
  private <T> void runStep(Future<T> step, Handler<AsyncResult<T>> continuation) {
    busy = true;
    step.onComplete(result -> {
      busy = false;
      if (running) {
        continuation.handle(result);
      } else {
        shutDown();
      }
    });
  }

  private void schedule(long delayMillis, Runnable action) {
    timerId = vertx.setTimer(delayMillis, fired -> {
      timerId = -1;
      if (running) {
        action.run();
      }
    });
  }

  private void cancelTimer() {
    if (timerId != -1) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private long nextBackoff() {
    long delay = backoffMillis;
    backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
    return delay;
  }

  private void shutDown() {
    firstLockAttempt.tryComplete();
    SqlConnection connection = lockConnection;
    lockConnection = null;
    holdingLock = false;
    if (connection == null) {
      stopped.tryComplete();
      return;
    }
    connection.preparedQuery(UNLOCK).execute(Tuple.of(table))
        .eventually(connection::close)
        .onComplete(released -> {
          LOG.info("stopped relaying audit outbox {}", table);
          stopped.tryComplete();
        });
  }

  /** After a failure the session may still be alive: it must not go back to the pool holding the lock. */
  private void releaseLock() {
    SqlConnection connection = lockConnection;
    lockConnection = null;
    holdingLock = false;
    if (connection != null) {
      connection.query(UNLOCK_ALL).execute().eventually(connection::close);
    }
  }

  private void databaseFailed(Throwable failure) {
    if (!databaseFailing) {
      databaseFailing = true;
      LOG.warn("audit outbox {}: PostgreSQL failed ({}: {}); retrying, further failures are not logged until it works",
          table, failure.getClass().getSimpleName(), failure.getMessage());
    }
  }

  private void databaseRecovered() {
    if (databaseFailing) {
      databaseFailing = false;
      LOG.info("audit outbox {}: PostgreSQL works again", table);
    }
  }

  private static List<OutboxRow> outboxRows(RowSet<Row> rows) {
    List<OutboxRow> batch = new ArrayList<>(rows.size());
    for (Row row : rows) {
      batch.add(new OutboxRow(row.getLong(0), row.getString(1), row.getString(2)));
    }
    return batch;
  }

  private static Tuple seqsOf(List<OutboxRow> rows) {
    return Tuple.tuple().addArrayOfLong(rows.stream().map(OutboxRow::seq).toArray(Long[]::new));
  }

  private record OutboxRow(long seq, String org, String payload) {}

  /** Marks a Kafka failure, as opposed to a PostgreSQL one; expected, so without a stack trace. */
  private static final class PublishFailed extends RuntimeException {
    PublishFailed(Throwable cause) {
      super("batch not acknowledged by Kafka: " + cause.getMessage(), cause, false, false);
    }
  }
}
