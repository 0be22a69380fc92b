package io.ssobroker.platform.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores events that go with no other change (a login started, a login failed) in an outbox, the ones that arrive
 * while a write is under way together in the next write: one statement for the group, all stored or none, in one round
 * trip and one commit however many requests wait. An event that finds no write under way is written at once, so a
 * quiet broker waits for nothing. Safe to call from any event loop; each caller's future completes on its own context.
 */
public final class OutboxGroupWriter {

  static final int MAX_GROUP = 256;

  private final SqlClient sql;
  private final AuditOutbox outbox;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private boolean writing;

  public OutboxGroupWriter(SqlClient sql, AuditOutbox outbox) {
    this.sql = sql;
    this.outbox = outbox;
  }

  public Future<Void> append(AuditEvent event) {
    Waiting entry = new Waiting(event, Promise.promise(), Vertx.currentContext());
    boolean writeNow;
    synchronized (this) {
      waiting.add(entry);
      writeNow = !writing;
      writing = true;
    }
    if (writeNow) {
      writeNextGroup();
    }
    return entry.stored().future();
  }

  private void writeNextGroup() {
    List<Waiting> group = new ArrayList<>();
    synchronized (this) {
      while (!waiting.isEmpty() && group.size() < MAX_GROUP) {
        group.add(waiting.poll());
      }
      if (group.isEmpty()) {
        writing = false;
        return;
      }
    }
    outbox.appendAll(sql, group.stream().map(Waiting::event).toList()).onComplete(result -> {
      group.forEach(entry -> entry.complete(result.succeeded() ? null : result.cause()));
      writeNextGroup();
    });
  }

  private record Waiting(AuditEvent event, Promise<Void> stored, Context context) {

    void complete(Throwable failure) {
      if (context == null) {
        settle(failure);
      } else {
        context.runOnContext(ignored -> settle(failure));
      }
    }

    private void settle(Throwable failure) {
      if (failure == null) {
        stored.complete();
      } else {
        stored.fail(failure);
      }
    }
  }
}
