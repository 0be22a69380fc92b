package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.embedded.EmbeddedKafkaBroker;
import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit delivery under faults between the relay, PostgreSQL and Kafka: a relay killed after Kafka took a batch but
 * before it deleted it publishes the batch again (a duplicate, never a loss); a Kafka that answers only after
 * seconds does not slow logins down.
 */
class AuditDeliveryFaultsIT {

  private static final String CONNECTORS = """
      {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                 "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "acme-secret"}}]}
      """;
  private static final String USERS = "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\"}\n";

  /** Kills the session of the first statement that deletes delivered rows (a sequence survives the kill). */
  private static final String KILL_FIRST_BOOKKEEPING = """
      create sequence public.relay_deletes;
      create function public.kill_relay_before_bookkeeping() returns trigger language plpgsql as $$
      begin
        if nextval('public.relay_deletes') = 1 then
          perform pg_terminate_backend(pg_backend_pid());
        end if;
        return null;
      end $$;
      create trigger kill_relay before delete on edge.audit_outbox
        for each statement execute function public.kill_relay_before_bookkeeping();
      """;

  @TempDir
  Path work;

  @Test
  void aRelayKilledBetweenPublishAndBookkeepingPublishesAgainAndLosesNothing() throws Exception {
    try (LoginTestEnvironment environment = new LoginTestEnvironment()) {
      TestIdp idp = environment.idp("/kill").client("acme-app", "acme-secret")
          .user("alice-sub", Map.of("email", "alice@acme.com"));
      environment.startBroker(work, CONNECTORS.formatted(idp.discoveryUrl()), USERS, Map.of());
      LoginBroker broker = environment.broker();
      broker.execute(KILL_FIRST_BOOKKEEPING);

      environment.logins().logInSuccessfully("alice@acme.com");
      environment.logins().logInSuccessfully("alice@acme.com");

      List<JsonObject> events = environment.audit().await(event -> "alice-sub".equals(event.getString("subject"))
          || "alice@acme.com".equals(event.getString("email")), 5, Duration.ofSeconds(30));
      Set<String> ids = events.stream().map(event -> event.getString("id")).collect(Collectors.toSet());
      assertThat(events.size()).as("a duplicate was published").isGreaterThan(ids.size());
      assertThat(ids).as("two logins: two starts and two successes").hasSize(4);
      assertThat(events.stream().map(event -> event.getString("type")).distinct())
          .containsExactlyInAnyOrder("login.started", "login.succeeded");
      awaitEmptyOutbox(broker);
      assertThat(broker.count("select last_value from public.relay_deletes"))
          .as("the first bookkeeping was killed, a later one deleted the rows").isGreaterThanOrEqualTo(2);
      assertThat(documentedConsumerPrints(broker.kafkaBootstrapServers(), ids)).as("docs/audit.md's consumer").isTrue();
    }
  }

  /** Runs the consumer command of docs/audit.md until it has printed every one of these event ids. */
  private static boolean documentedConsumerPrints(String bootstrapServers, Set<String> ids) throws Exception {
    Path jar = Path.of(System.getProperty("sso.broker.jar", "target/sso-broker.jar"));
    Process tail = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", jar.toString(),
        "io.ssobroker.app.AuditTail", "--bootstrap-server", bootstrapServers).redirectErrorStream(false).start();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(tail.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      Set<String> missing = new java.util.HashSet<>(ids);
      java.util.concurrent.CompletableFuture<Boolean> allSeen = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String[] keyAndValue = line.split("\t", 2);
            missing.remove(new JsonObject(keyAndValue[1]).getString("id"));
            if (missing.isEmpty()) {
              return keyAndValue[0].equals("acme");
            }
          }
          return false;
        } catch (java.io.IOException ended) {
          return false;
        }
      });
      return allSeen.get(60, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      tail.destroyForcibly();
    }
  }

  @Test
  void kafkaAnsweringSecondsLateDoesNotSlowLoginsAndEverythingArrives() throws Exception {
    int kafkaPort = FreePorts.next();
    int proxyPort = FreePorts.next();
    try (LoginTestEnvironment environment = new LoginTestEnvironment();
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"), kafkaPort, proxyPort);
        DelayingTcpProxy slowKafka = DelayingTcpProxy.start(environment.vertx(), proxyPort, kafkaPort)) {
      TestIdp idp = environment.idp("/slow").client("acme-app", "acme-secret")
          .user("alice-sub", Map.of("email", "alice@acme.com"));
      environment.startBroker(work, CONNECTORS.formatted(idp.discoveryUrl()), USERS, Map.of(),
          "--kafka-bootstrap-servers", kafka.bootstrapServers());
      OidcLoginHarness logins = environment.logins();
      logins.logInSuccessfully("alice@acme.com");

      slowKafka.delay(Duration.ofSeconds(3));
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long began = System.nanoTime();
        logins.logInSuccessfully("alice@acme.com");
        millis.add((System.nanoTime() - began) / 1_000_000);
      }
      assertThat(millis).as("each login's duration in ms, with every Kafka exchange taking over 6 s")
          .allSatisfy(duration -> assertThat(duration).isLessThan(2_000));
      assertThat(environment.broker().count("select count(*) from edge.audit_outbox"))
          .as("the events are still on their way to the slow Kafka").isPositive();

      slowKafka.delay(Duration.ZERO);
      assertThat(environment.audit().await(event -> "login.succeeded".equals(event.getString("type")), 11,
          Duration.ofSeconds(60))).hasSize(11);
    }
  }

  private static void awaitEmptyOutbox(LoginBroker broker) throws InterruptedException {
    for (int i = 0; i < 100 && broker.count("select count(*) from edge.audit_outbox") > 0; i++) {
      Thread.sleep(100);
    }
    assertThat(broker.count("select count(*) from edge.audit_outbox")).isZero();
  }
}
