package io.ssobroker.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Events of concurrent requests are stored together: every one, in order, each group all or nothing. */
@ExtendWith(VertxExtension.class)
class OutboxGroupWriterIT {

  private static final String SCHEMA = """
      create schema if not exists outbox_group_test;
      drop table if exists outbox_group_test.audit_outbox;
      create table outbox_group_test.audit_outbox (
        seq bigserial primary key, id uuid not null unique, org text not null default '', payload jsonb not null);
      """;
  private static final String TABLE = "outbox_group_test.audit_outbox";

  private Pool pool;
  private OutboxGroupWriter writer;

  @BeforeEach
  void createTable(Vertx vertx) {
    pool = PgPools.create(vertx, TestPostgres.settings(), "outbox-group-it", 4);
    Await.result(pool.query(SCHEMA).execute());
    writer = new OutboxGroupWriter(pool, new AuditOutbox(TABLE));
  }

  @AfterEach
  void closePool() {
    Await.result(pool.close());
  }

  @Test
  void eventsFromManyEventLoopsAreAllStoredInFewerStatementsEachAnsweredOnItsOwnContext(Vertx vertx)
      throws Exception {
    int events = 400;
    List<Context> contexts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      contexts.add(vertx.getOrCreateContext());
    }
    CountDownLatch answered = new CountDownLatch(events);
    List<String> wrongContext = new ArrayList<>();
    var failures = ConcurrentHashMap.<Throwable>newKeySet();
    for (int i = 0; i < events; i++) {
      Context context = contexts.get(i % contexts.size());
      String org = "org-" + i;
      context.runOnContext(start -> writer.append(AuditEvent.builder("login.started").org(org).build())
          .onComplete(stored -> {
            if (Vertx.currentContext() != context) {
              synchronized (wrongContext) {
                wrongContext.add(org);
              }
            }
            if (stored.failed()) {
              failures.add(stored.cause());
            }
            answered.countDown();
          }));
    }

    assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(failures).isEmpty();
    assertThat(wrongContext).isEmpty();
    assertThat(count("select count(distinct org) from " + TABLE + " where payload->>'type' = 'login.started'"))
        .isEqualTo(events);
    // rows written by one statement share its transaction id
    assertThat(count("select count(distinct xmin::text) from " + TABLE)).isLessThan(events);
  }

  @Test
  void aGroupThatCannotBeStoredFailsEveryOneOfItsEventsAndStoresNoneThenWritingGoesOn() throws Exception {
    SqlConnection blocker = Await.result(pool.getConnection());
    Transaction lock = Await.result(blocker.begin());
    Await.result(blocker.query("lock table " + TABLE + " in access exclusive mode").execute());

    Future<Void> first = writer.append(AuditEvent.builder("login.started").org("first").build());
    awaitWaitingForTheLock();
    Future<Void> good = writer.append(AuditEvent.builder("login.started").org("good").build());
    Future<Void> unstorable = writer.append(AuditEvent.builder("login.started").org("nul\u0000byte").build());
    Await.result(lock.commit());
    Await.result(blocker.close());

    Await.result(first);
    assertThat(Await.failure(good)).isNotNull();
    assertThat(Await.failure(unstorable)).isNotNull();
    assertThat(count("select count(*) from " + TABLE + " where org = 'good'")).isZero();

    Await.result(writer.append(AuditEvent.builder("login.started").org("after").build()));
    assertThat(count("select count(*) from " + TABLE)).isEqualTo(2);
  }

  @Test
  void eventsKeepTheOrderTheyArrivedIn() {
    List<Future<Void>> stored = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      stored.add(writer.append(AuditEvent.builder("login.started").org(String.format("org-%02d", i)).build()));
    }
    Await.result(Future.all(stored));

    List<String> orgs = new ArrayList<>();
    Await.result(pool.query("select org from " + TABLE + " order by seq").execute())
        .forEach(row -> orgs.add(row.getString(0)));
    assertThat(orgs).isSorted().hasSize(50);
  }

  private void awaitWaitingForTheLock() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'") == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the first write never waited for the table lock");
      }
      Thread.sleep(20);
    }
  }

  private long count(String query) {
    return Await.result(pool.query(query).execute()).iterator().next().getLong(0);
  }
}
