package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.embedded.EmbeddedKafkaBroker;
import io.ssobroker.embedded.EmbeddedPostgresServer;
import io.ssobroker.platform.db.DatabaseSettings;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.FreePorts;
import io.ssobroker.platform.testing.TestKafka;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lossless audit delivery against the broker process (SPEC section 7): Kafka down during 1,000 logins, successes and
 * failures mixed; the broker stopped and started again while Kafka is still down; Kafka back: every event is on the
 * topic with its original id, in order per org.
 */
class AuditDeliveryIT {

  private static final List<String> ORGS = List.of("acme", "globex", "initech");
  private static final int LOGINS = 1_000;
  private static final String TOPIC = "sso.audit.v1";

  @TempDir
  Path work;

  @Test
  void aThousandLoginsDuringAKafkaOutageAcrossABrokerRestartAllReachTheTopicInOrderPerOrg() throws Exception {
    Vertx vertx = Vertx.vertx();
    int kafkaPort = FreePorts.next();
    int httpPort = FreePorts.next();
    int adminPort = FreePorts.next();
    String base = "http://127.0.0.1:" + httpPort;
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("postgres"));
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"), kafkaPort);
    TestIdp idp = TestIdp.start(vertx, "/idp");
    Pool sql = PgPools.create(vertx, TestPostgres.settingsOf(postgres), "test", 2);
    BrokerProcess broker = null;
    try {
      List<String> flags = brokerFlags(idp, TestPostgres.settingsOf(postgres), kafka.bootstrapServers(), httpPort);
      broker = BrokerProcess.start(work.resolve("broker.log"), adminPort, flags);
      awaitTopic(kafka.bootstrapServers());
      kafka.close();

      Map<String, String> outcomes = logInThousandTimes(idp, base);
      List<Row> outbox = Await.result(sql.query("select payload->>'id' as id, org, payload->>'type' as type, "
          + "payload->>'subject' as subject from edge.audit_outbox order by seq").execute()).stream().toList();
      assertThat(outbox).as("Kafka is down: every event waits in the outbox").hasSize(2 * LOGINS);
      assertThat(outbox.stream().filter(row -> !row.getString("type").equals("login.started"))
          .map(row -> row.getString("subject") + " " + row.getString("type")).toList())
          .containsExactlyInAnyOrderElementsOf(outcomes.entrySet().stream()
              .map(outcome -> outcome.getKey() + " " + outcome.getValue()).toList());

      awaitMetric(adminPort, "sso_audit_undelivered_events{outbox=\"edge.audit_outbox\"}", value -> value == 2 * LOGINS);
      awaitMetric(adminPort, "sso_audit_delivery_lag_seconds{outbox=\"edge.audit_outbox\"}", value -> value > 0);

      broker.stop();
      broker = BrokerProcess.start(work.resolve("broker.log"), adminPort, flags);
      kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"), kafkaPort);
      awaitEmptyOutbox(sql);

      awaitMetric(adminPort, "sso_audit_undelivered_events{outbox=\"edge.audit_outbox\"}", value -> value == 0);
      List<ConsumerRecord<String, String>> records = TestKafka.readAll(kafka.bootstrapServers(), TOPIC,
          outbox.size(), Duration.ofSeconds(60));
      assertThat(records).allSatisfy(record -> assertThat(AuditEventSchema.violations(record.value()))
          .as("docs/audit-event.schema.json").isEmpty());
      Map<String, List<String>> topicOrder = firstOccurrencesByOrg(records);
      for (String org : ORGS) {
        List<String> produced = outbox.stream().filter(row -> row.getString("org").equals(org))
            .map(row -> row.getString("id")).toList();
        assertThat(topicOrder.get(org).stream().filter(produced::contains).toList())
            .as("org %s: every event, in the order it was produced", org).isEqualTo(produced);
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
      kafka.close();
      Await.result(sql.close());
      idp.close();
      postgres.close();
      Await.result(vertx.close());
    }
  }

  /** Login i: org i mod 3; every fifth user is unknown, every seventh IdP answer has email_verified false. */
  private static Map<String, String> logInThousandTimes(TestIdp idp, String base) throws Exception {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < LOGINS; i++) {
      String email = email(i);
      idp.user("subject-" + i, i % 7 == 6 ? Map.of("email", email, "email_verified", false) : Map.of("email", email));
      TestBrowser browser = new TestBrowser();
      HttpResponse<String> start = browser.get(base + "/login?email=" + email);
      assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
      HttpResponse<String> idpAnswer = browser.get(TestBrowser.location(start));
      HttpResponse<String> callback = browser.get(TestBrowser.location(idpAnswer), "Accept", "application/json");
      boolean expectSuccess = i % 5 != 4 && i % 7 != 6;
      assertThat(callback.statusCode()).as("login %d: %s", i, callback.body()).isEqualTo(expectSuccess ? 302 : 403);
      outcomes.put("subject-" + i, expectSuccess ? "login.succeeded" : "login.failed");
    }
    return outcomes;
  }

  private static String email(int i) {
    return "user" + i + "@" + ORGS.get(i % ORGS.size()) + ".example";
  }

  private List<String> brokerFlags(TestIdp idp, DatabaseSettings database, String kafka, int httpPort)
      throws Exception {
    StringBuilder connectors = new StringBuilder("{");
    StringBuilder users = new StringBuilder();
    for (String org : ORGS) {
      idp.client(org + "-app", org + "-secret");
      connectors.append(connectors.length() > 1 ? "," : "").append("""
          "%1$s": [{"kind": "oidc", "domains": ["%1$s.example"],
                    "parameters": {"discoveryEndpoint": "%2$s", "clientId": "%1$s-app", "clientSecret": "%1$s-secret"}}]
          """.formatted(org, idp.discoveryUrl()));
    }
    for (int i = 0; i < LOGINS; i++) {
      if (i % 5 != 4) {
        users.append(new JsonObject().put("email", email(i)).put("org", ORGS.get(i % ORGS.size())).encode())
            .append('\n');
      }
    }
    Path connectorsFile = Files.writeString(work.resolve("connectors.json"), connectors.append("}").toString());
    Path usersFile = Files.writeString(work.resolve("users.jsonl"), users.toString());
    return List.of("--data-dir", work.resolve("data").toString(),
        "--http-port", String.valueOf(httpPort),
        "--public-base-url", "http://127.0.0.1:" + httpPort,
        "--database-url", "postgresql://" + database.user() + "@" + database.host() + ":" + database.port() + "/"
            + database.database(),
        "--kafka-bootstrap-servers", kafka,
        "--connectors-file", connectorsFile.toString(),
        "--users-file", usersFile.toString(),
        "--login-rate-limit", "0");
  }

  private static void awaitTopic(String bootstrapServers) throws Exception {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      Instant giveUp = Instant.now().plusSeconds(60);
      while (!admin.listTopics().names().get().contains(TOPIC)) {
        assertThat(Instant.now()).as("the audit topic is created").isBefore(giveUp);
        Thread.sleep(200);
      }
    }
  }

  /**
   * Waits (the gauges are sampled every few seconds) for a sample of {@code /metrics} that satisfies the check. Over
   * HTTP/1.1, as Prometheus scrapes, and bounded as a whole: the JDK client's default h2c upgrade has twice left a
   * response body unfinished here, which a request timeout (headers only) does not cover.
   */
  private static void awaitMetric(int adminPort, String series, java.util.function.DoublePredicate check)
      throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    Instant giveUp = Instant.now().plusSeconds(30);
    Double last = null;
    while (Instant.now().isBefore(giveUp)) {
      String metrics;
      try {
        metrics = http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + adminPort + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
            .get(5, java.util.concurrent.TimeUnit.SECONDS).body();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException noAnswer) {
        Thread.sleep(500);
        continue;
      }
      last = metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
          .map(line -> Double.parseDouble(line.substring(series.length() + 1))).orElse(null);
      if (last != null && check.test(last)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(series + " never satisfied the check; last value " + last);
  }

  private static void awaitEmptyOutbox(Pool sql) throws InterruptedException {
    Instant giveUp = Instant.now().plusSeconds(120);
    long left;
    do {
      Thread.sleep(250);
      left = Await.result(sql.query("select count(*) from edge.audit_outbox").execute()).iterator().next().getLong(0);
    } while (left > 0 && Instant.now().isBefore(giveUp));
    assertThat(left).as("undelivered events once Kafka is back").isZero();
  }

  /** Each org's event ids in topic order, a duplicate counted where it first appears. */
  private static Map<String, List<String>> firstOccurrencesByOrg(List<ConsumerRecord<String, String>> records) {
    Map<String, Set<String>> byOrg = new LinkedHashMap<>();
    List<ConsumerRecord<String, String>> ordered = new ArrayList<>(records);
    ordered.sort(java.util.Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
        .thenComparingLong(ConsumerRecord::offset));
    for (ConsumerRecord<String, String> record : ordered) {
      byOrg.computeIfAbsent(record.key(), org -> new LinkedHashSet<>())
          .add(new JsonObject(record.value()).getString("id"));
    }
    Map<String, List<String>> lists = new LinkedHashMap<>();
    byOrg.forEach((org, ids) -> lists.put(org, new ArrayList<>(ids)));
    return lists;
  }
}
