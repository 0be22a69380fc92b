package io.ssobroker.audit;

import static io.ssobroker.audit.AuditLogUnderTest.awaitTrue;
import static io.ssobroker.audit.AuditLogUnderTest.patience;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.ssobroker.audit.consumer.AuditTopicConsumer;
import io.ssobroker.embedded.EmbeddedPostgresServer;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.db.DatabaseSettings;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.testing.PostgresProcesses;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.FreePorts;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The audit store fed from the topic: deduplicated, committed only after the write, never blocked by a bad record. */
@ExtendWith(VertxExtension.class)
class AuditStoreIT {

  private final List<AutoCloseable> cleanUps = new ArrayList<>();
  private Vertx vertx;
  private String topic;

  @BeforeEach
  void newTopic(Vertx vertx) {
    this.vertx = vertx;
    topic = "audit.store.test." + UUID.randomUUID();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanUps.size() - 1; i >= 0; i--) {
      cleanUps.get(i).close();
    }
  }

  private AuditLogUnderTest auditLog(DatabaseSettings database, String... flags) {
    AuditLogUnderTest auditLog = new AuditLogUnderTest(vertx, database, topic, flags);
    cleanUps.add(auditLog);
    return auditLog;
  }

  private Pool sql(DatabaseSettings database) {
    Pool pool = PgPools.create(vertx, database, "test", 2);
    cleanUps.add(() -> Await.result(pool.close()));
    return pool;
  }

  private static long count(Pool sql, String where, Object... values) {
    Tuple tuple = Tuple.tuple();
    for (Object value : values) {
      tuple.addValue(value);
    }
    return Await.result(sql.preparedQuery("select count(*) from audit.events where " + where).execute(tuple))
        .iterator().next().getLong(0);
  }

  @Test
  void sameEventPublishedTwiceIsStoredAndCountedOnce() {
    AuditLogUnderTest auditLog = auditLog(TestPostgres.settings()).start();
    Pool sql = sql(TestPostgres.settings());
    JsonObject succeeded = TestEvents.succeeded("dedupe", "a@dedupe.com", Instant.now());
    JsonObject failed = TestEvents.failed("dedupe", "b@dedupe.com", LoginFailureCategory.USER_NOT_ALLOWED,
        "unknown_user", Instant.now());

    auditLog.publish(succeeded, failed, succeeded);
    awaitTrue("both events stored", patience(), () -> count(sql, "org_slug = 'dedupe'") == 2
        && auditLog.committedOffsets().values().stream().mapToLong(Long::longValue).sum() == 3);
    auditLog.publish(succeeded);
    awaitTrue("the fourth record committed", patience(),
        () -> auditLog.committedOffsets().values().stream().mapToLong(Long::longValue).sum() == 4);

    assertThat(count(sql, "id = $1", UUID.fromString(succeeded.getString("id")))).isEqualTo(1);
    assertThat(loginEvents(auditLog, "login.succeeded", "none")).isEqualTo(1);
    assertThat(loginEvents(auditLog, "login.failed", "USER_NOT_ALLOWED")).isEqualTo(1);
    JsonObject stored = Await.result(sql.preparedQuery("select payload from audit.events where id = $1")
        .execute(Tuple.of(UUID.fromString(failed.getString("id"))))).iterator().next().getJsonObject(0);
    assertThat(stored).isEqualTo(failed);
  }

  @Test
  void malformedRecordsAreSkippedWithoutTheirContentInTheLogsAndDoNotBlockTheirPartition() {
    ListAppender<ILoggingEvent> logs = capture(AuditTopicConsumer.class);
    AuditLogUnderTest auditLog = auditLog(TestPostgres.settings()).start();
    Pool sql = sql(TestPostgres.settings());
    JsonObject valid = TestEvents.succeeded("malformed", "after@malformed.com", Instant.now());

    auditLog.publish("malformed", "not json secret@malformed.com", "[1, 2]", "{\"email\": \"noid@malformed.com\"}",
        "{\"id\": \"not-a-uuid\", \"time\": \"2026-01-01T00:00:00Z\", \"type\": \"login.failed\"}",
        new JsonObject().put("id", UUID.randomUUID().toString()).put("type", "login.failed").encode(),
        TestEvents.succeeded("malformed", "nul@malformed.com", Instant.now()).put("name", "a\u0000b").encode(),
        valid.encode());

    awaitTrue("the valid event after six bad ones stored and committed", patience(),
        () -> count(sql, "org_slug = 'malformed'") == 1
            && auditLog.committedOffsets().values().stream().mapToLong(Long::longValue).sum() == 7);
    assertThat(count(sql, "id = $1", UUID.fromString(valid.getString("id")))).isEqualTo(1);
    List<String> warnings = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(message -> message.contains("not an audit event")).toList();
    assertThat(warnings).hasSize(6).allSatisfy(warning -> assertThat(warning)
        .contains(topic).contains("offset").doesNotContain("@malformed.com").doesNotContain("not-a-uuid"));
  }

  @Test
  void postgresOutageCommitsNothingAndLosesNoEvent(@TempDir Path postgresData) throws Exception {
    int port = FreePorts.next();
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(postgresData, port);
    AuditLogUnderTest auditLog = auditLog(TestPostgres.settingsOf(postgres)).start();
    JsonObject before = TestEvents.succeeded("outage", "before@outage.com", Instant.now());
    auditLog.publish(before);
    awaitTrue("the first event committed", patience(),
        () -> auditLog.committedOffsets().values().stream().mapToLong(Long::longValue).sum() == 1);

    PostgresProcesses.stopFast(postgresData);
    closeQuietly(postgres);
    List<JsonObject> during = IntStream.range(0, 20)
        .mapToObj(i -> TestEvents.failed("outage", "u" + i + "@outage.com", LoginFailureCategory.STATE_INVALID,
            "expired", Instant.now()))
        .toList();
    auditLog.publish(during.toArray(JsonObject[]::new));
    Thread.sleep(3_000);
    assertThat(auditLog.committedOffsets().values().stream().mapToLong(Long::longValue).sum())
        .as("nothing committed while PostgreSQL is down").isEqualTo(1);

    EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(postgresData, port);
    cleanUps.add(() -> closeQuietly(restarted));
    Pool sql = sql(TestPostgres.settingsOf(restarted));
    awaitTrue("every event of the outage stored, then committed", patience(),
        () -> auditLog.committedOffsets().values().stream().mapToLong(Long::longValue).sum() == 21);
    assertThat(count(sql, "org_slug = 'outage'")).isEqualTo(21);
    assertThat(loginEvents(auditLog, "login.failed", "STATE_INVALID")).isEqualTo(20);
  }

  @Test
  void eventsWrittenBeforeAStopAreNotLostWhenTheWriteFailed() {
    Pool sql = sql(TestPostgres.settings());
    AuditLogUnderTest first = auditLog(TestPostgres.settings()).start();
    Await.result(sql.query("alter table audit.events rename to events_away").execute());
    try {
      first.publish(TestEvents.succeeded("restart", "a@restart.com", Instant.now()),
          TestEvents.logout("restart", "a@restart.com", Instant.now()));
      sleepQuietly(3_000);
      assertThat(loginEvents(first, "login.succeeded", "none")).isZero();
      first.stop();
      assertThat(first.committedOffsets()).as("a failed write commits nothing").isEmpty();
    } finally {
      Await.result(sql.query("alter table audit.events_away rename to events").execute());
    }

    AuditLogUnderTest second = auditLog(TestPostgres.settings()).start();
    awaitTrue("both events stored after the restart", patience(), () -> count(sql, "org_slug = 'restart'") == 2
        && second.committedOffsets().values().stream().mapToLong(Long::longValue).sum() == 2);
  }

  private static double loginEvents(AuditLogUnderTest auditLog, String type, String category) {
    return auditLog.meters.find("sso.login.events").tag("type", type).tag("category", category).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private static ListAppender<ILoggingEvent> capture(Class<?> source) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
    return appender;
  }

  /** Releases the data directory of a server that a signal stopped; stopping it again may fail, which is fine. */
  private static void closeQuietly(EmbeddedPostgresServer postgres) {
    try {
      postgres.close();
    } catch (Exception alreadyStopped) {
      // nothing left to stop
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

}
