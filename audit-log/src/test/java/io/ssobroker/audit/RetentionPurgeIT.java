package io.ssobroker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.audit.retention.RetentionPurge;
import io.ssobroker.audit.store.AuditRepository;
import io.ssobroker.audit.store.ConsumedEvent;
import io.ssobroker.audit.store.PgAuditRepository;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events older than the retention go, in batches; younger ones stay. */
class RetentionPurgeIT {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private Vertx vertx;
  private Pool pool;
  private PgAuditRepository repository;

  @BeforeEach
  void emptyStore() {
    vertx = Vertx.vertx();
    Await.result(SchemaMigrator.migrate(vertx, TestPostgres.settings(), "audit"));
    pool = PgPools.create(vertx, TestPostgres.settings(), "test", 2);
    Await.result(pool.query("truncate audit.events").execute());
    repository = new PgAuditRepository(pool);
  }

  @AfterEach
  void stop() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  private void store(List<JsonObject> events) {
    Await.result(repository.insertNew(events.stream()
        .map(json -> ((ConsumedEvent.Accepted) ConsumedEvent.parse(json.encode())).event()).toList(), event -> false));
  }

  private long count() {
    return Await.result(pool.query("select count(*) from audit.events").execute()).iterator().next().getLong(0);
  }

  @Test
  void eventsOlderThanTheRetentionArePurgedInBatchesAndYoungerOnesKept() {
    // 2 500 events of 2 to 3 hours ago, 10 of the last hour; retention: 2 hours, so three batches of 1 000
    store(IntStream.range(0, 2_500).mapToObj(i -> TestEvents.failed("retention", "old" + i + "@r.com",
        io.ssobroker.platform.audit.LoginFailureCategory.STATE_INVALID, "expired",
        NOW.minus(Duration.ofHours(2)).minusSeconds(1 + i))).toList());
    store(IntStream.range(0, 10).mapToObj(i -> TestEvents.succeeded("retention", "new" + i + "@r.com",
        NOW.minus(Duration.ofMinutes(59)).plusSeconds(i))).toList());

    List<Integer> batches = new java.util.ArrayList<>();
    AuditRepository counting = new DelegatingRepository(repository) {
      @Override
      public Future<Integer> purgeBatch(Instant cutoff, int batchSize) {
        return super.purgeBatch(cutoff, batchSize).onSuccess(batches::add);
      }
    };
    RetentionPurge purge = new RetentionPurge(vertx, counting, Duration.ofHours(2), Clock.fixed(NOW, ZoneOffset.UTC));
    long deleted = Await.result(purge.purge());

    assertThat(deleted).isEqualTo(2_500);
    assertThat(batches).containsExactly(1_000, 1_000, 500);
    assertThat(count()).isEqualTo(10);
    assertThat(Await.result(purge.purge())).as("nothing left to purge").isZero();
  }

  @Test
  void anEventExactlyAtTheCutoffIsKept() {
    store(List.of(TestEvents.succeeded("retention", "edge@r.com", NOW.minus(Duration.ofMinutes(1)))));

    RetentionPurge purge = new RetentionPurge(vertx, repository, Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(Await.result(purge.purge())).isZero();
    assertThat(count()).isEqualTo(1);
  }
}
