package io.ssobroker.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.embedded.EmbeddedKafkaBroker;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.FreePorts;
import io.ssobroker.platform.testing.TestKafka;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class OutboxRelayIT {

  private static final String TABLE = "outbox_test.audit_outbox";
  private static final String CREATE_TABLE = """
      create schema if not exists outbox_test;
      drop table if exists outbox_test.audit_outbox;
      create table outbox_test.audit_outbox (
        seq        bigserial primary key,
        id         uuid not null,
        org        text not null default '',
        payload    jsonb not null,
        created_at timestamptz not null default now()
      );
      """;
  private static final String TRY_LOCK = "select pg_try_advisory_lock(hashtext($1))";
  private static final String UNLOCK = "select pg_advisory_unlock(hashtext($1))";
  private static final List<String> ORGS = List.of("acme", "globex", "initech", "umbrella", "hooli");
  private static final int PARTITIONS = 3;
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final AuditOutbox outbox = new AuditOutbox(TABLE);
  private final Deque<Supplier<Future<Void>>> cleanUps = new ArrayDeque<>();
  private Vertx vertx;
  private Pool pool;
  private String topic;

  @BeforeEach
  void createOutboxTable(Vertx vertx) {
    this.vertx = vertx;
    pool = newPool();
    Await.result(pool.query(CREATE_TABLE).execute());
    topic = "audit.test." + UUID.randomUUID();
  }

  @AfterEach
  void stopRelaysProducersAndPools() {
    while (!cleanUps.isEmpty()) {
      Await.result(cleanUps.pop().get());
    }
  }

  @Test
  void everyEventReachesKafkaInAppendOrderPerOrg() {
    TestKafka.createTopic(TestKafka.bootstrapServers(), topic, PARTITIONS);
    OutboxRelay relay = startRelay(pool, TestKafka.bootstrapServers());
    List<AuditEvent> events = events(1_000);

    for (int from = 0; from < events.size(); from += 50) {
      List<AuditEvent> committedTogether = events.subList(from, from + 50);
      Await.result(pool.withTransaction(connection -> appendInOrder(connection, committedTogether)));
      relay.nudge();
    }

    awaitEmptyOutbox(relay);
    List<ConsumerRecord<String, String>> records = TestKafka.readAll(topic, events.size(), PATIENCE);
    assertThat(records).hasSize(events.size());
    assertThat(records).allSatisfy(record ->
        assertThat(record.key()).isEqualTo(new JsonObject(record.value()).getString("org")));
    assertThat(idsByOrg(records)).isEqualTo(expectedIdsByOrg(events));
  }

  @Test
  void kafkaOutageLosesNoAuditEvent(@TempDir Path kafkaData) throws Exception {
    int port = FreePorts.next();
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(kafkaData, port);
    try {
      TestKafka.createTopic(kafka.bootstrapServers(), topic, PARTITIONS);
      kafka.close();
      OutboxRelay relay = startRelay(pool, kafka.bootstrapServers());
      List<AuditEvent> events = events(300);

      appendOneByOne(relay, events);
      assertRowsKeptWhileKafkaIsDown(relay, events.size());
      kafka = EmbeddedKafkaBroker.start(kafkaData, port);
      awaitEmptyOutbox(relay);

      assertThat(distinctIds(TestKafka.readAll(kafka.bootstrapServers(), topic, events.size(), PATIENCE)))
          .containsExactlyInAnyOrderElementsOf(ids(events));
    } finally {
      kafka.close();
    }
  }

  @Test
  void kafkaStoppingWhileARelayDeliversLosesNoAuditEvent(@TempDir Path kafkaData) throws Exception {
    int port = FreePorts.next();
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(kafkaData, port);
    try {
      TestKafka.createTopic(kafka.bootstrapServers(), topic, PARTITIONS);
      OutboxRelay relay = startRelay(pool, kafka.bootstrapServers());
      List<AuditEvent> beforeOutage = events(20);
      appendOneByOne(relay, beforeOutage);
      awaitEmptyOutbox(relay);

      kafka.close();
      List<AuditEvent> duringOutage = events(300);
      appendOneByOne(relay, duringOutage);
      assertRowsKeptWhileKafkaIsDown(relay, duringOutage.size());
      kafka = EmbeddedKafkaBroker.start(kafkaData, port);
      awaitEmptyOutbox(relay);

      int expected = beforeOutage.size() + duringOutage.size();
      assertThat(distinctIds(TestKafka.readAll(kafka.bootstrapServers(), topic, expected, PATIENCE)))
          .containsExactlyInAnyOrderElementsOf(Stream.concat(ids(beforeOutage).stream(), ids(duringOutage).stream())
              .toList());
    } finally {
      kafka.close();
    }
  }

  @Test
  void onlyOneRelayDeliversATableAndAStandbyTakesOverWhenTheHolderStops() {
    TestKafka.createTopic(TestKafka.bootstrapServers(), topic, PARTITIONS);
    OutboxRelay first = startRelay(newPool(), TestKafka.bootstrapServers());
    OutboxRelay second = startRelay(newPool(), TestKafka.bootstrapServers());

    List<OutboxRelay> holders = Stream.of(first, second).filter(OutboxRelay::holdsLock).toList();
    assertThat(holders).hasSize(1);
    assertThat(lockIsFree()).as("the table's lock is free").isFalse();
    OutboxRelay holder = holders.get(0);
    OutboxRelay standby = holder == first ? second : first;

    List<AuditEvent> beforeStop = events(10);
    Await.result(appendInOrder(pool, beforeStop));
    holder.nudge();
    awaitEmptyOutbox(holder);

    Await.result(holder.stop());
    assertThat(holder.holdsLock()).isFalse();
    List<AuditEvent> afterStop = events(10);
    Await.result(appendInOrder(pool, afterStop));
    standby.nudge();
    awaitEmptyOutbox(standby);

    assertThat(standby.holdsLock()).isTrue();
    List<UUID> expected = Stream.concat(ids(beforeStop).stream(), ids(afterStop).stream()).toList();
    assertThat(distinctIds(TestKafka.readAll(topic, expected.size(), PATIENCE)))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void eventsOfARolledBackTransactionAreNeverPublished() {
    TestKafka.createTopic(TestKafka.bootstrapServers(), topic, PARTITIONS);
    OutboxRelay relay = startRelay(pool, TestKafka.bootstrapServers());
    AuditEvent rolledBack = events(1).get(0);
    AuditEvent committed = events(1).get(0);

    Throwable failure = Await.failure(pool.withTransaction(connection -> outbox.append(connection, rolledBack)
        .compose(appended -> Future.failedFuture(new IllegalStateException("the audited change failed")))));
    Await.result(pool.withTransaction(connection -> outbox.append(connection, committed)));
    relay.nudge();
    awaitEmptyOutbox(relay);

    assertThat(failure).hasMessage("the audited change failed");
    assertThat(TestKafka.readAll(topic, 1, PATIENCE)).map(OutboxRelayIT::eventId).containsExactly(committed.id());
  }

  private Pool newPool() {
    Pool created = PgPools.create(vertx, TestPostgres.settings(), "outbox-it", 4);
    cleanUps.push(created::close);
    return created;
  }

  private OutboxRelay startRelay(Pool relayPool, String bootstrapServers) {
    AuditProducer producer = new AuditProducer(vertx, bootstrapServers, DELIVERY_TIMEOUT);
    cleanUps.push(producer::close);
    OutboxRelay relay = new OutboxRelay(vertx, relayPool, TABLE, producer, topic);
    cleanUps.push(relay::stop);
    Await.result(relay.start());
    return relay;
  }

  private Future<Void> appendInOrder(SqlClient sql, List<AuditEvent> events) {
    Future<Void> appended = Future.succeededFuture();
    for (AuditEvent event : events) {
      appended = appended.compose(previous -> outbox.append(sql, event));
    }
    return appended;
  }

  private boolean lockIsFree() {
    return Await.result(pool.withConnection(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(TABLE))
        .map(rows -> rows.iterator().next().getBoolean(0))
        .compose(taken -> taken
            ? connection.preparedQuery(UNLOCK).execute(Tuple.of(TABLE)).map(true)
            : Future.succeededFuture(false))));
  }

  private void appendOneByOne(OutboxRelay relay, List<AuditEvent> events) {
    for (AuditEvent event : events) {
      Await.result(outbox.append(pool, event));
      relay.nudge();
    }
  }

  /** Long enough for delivery attempts to time out: the relay must keep every row it could not deliver. */
  private static void assertRowsKeptWhileKafkaIsDown(OutboxRelay relay, int appended) throws InterruptedException {
    Thread.sleep(DELIVERY_TIMEOUT.plusSeconds(1).toMillis());
    assertThat(Await.result(relay.undelivered())).as("rows kept while Kafka is down").isEqualTo(appended);
  }

  private static void awaitEmptyOutbox(OutboxRelay relay) {
    awaitTrue(() -> Await.result(relay.undelivered()) == 0, "the outbox is still not empty after " + PATIENCE);
  }

  private static void awaitTrue(BooleanSupplier condition, String failure) {
    Instant giveUp = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError(failure);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", interrupted);
      }
    }
  }

  private static List<AuditEvent> events(int count) {
    return IntStream.range(0, count)
        .mapToObj(index -> {
          String org = ORGS.get(index % ORGS.size());
          return AuditEvent.builder(AuditEvent.LOGIN_SUCCEEDED)
              .org(org)
              .email("user" + index + "@" + org + ".example")
              .build();
        })
        .toList();
  }

  private static UUID eventId(ConsumerRecord<String, String> record) {
    return UUID.fromString(new JsonObject(record.value()).getString("id"));
  }

  private static List<UUID> ids(List<AuditEvent> events) {
    return events.stream().map(AuditEvent::id).toList();
  }

  private static List<UUID> distinctIds(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(OutboxRelayIT::eventId).distinct().toList();
  }

  private static Map<String, List<UUID>> idsByOrg(List<ConsumerRecord<String, String>> records) {
    Map<String, List<UUID>> ids = new LinkedHashMap<>();
    records.forEach(record -> ids.computeIfAbsent(record.key(), org -> new ArrayList<>()).add(eventId(record)));
    return ids;
  }

  private static Map<String, List<UUID>> expectedIdsByOrg(List<AuditEvent> events) {
    Map<String, List<UUID>> ids = new LinkedHashMap<>();
    events.forEach(event -> ids.computeIfAbsent(event.key(), org -> new ArrayList<>()).add(event.id()));
    return ids;
  }
}
