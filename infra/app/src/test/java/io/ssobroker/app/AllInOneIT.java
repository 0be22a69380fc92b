package io.ssobroker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.config.CommandLine;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.RegistryClient;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The all-in-one broker started inside the test, on free ports, with its embedded PostgreSQL and Kafka. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllInOneIT {

  @TempDir
  static Path workDirectory;

  private static Path dataDir;
  private static int httpPort;
  private static int adminPort;
  private static int kafkaPort;
  private static Broker broker;
  private static UUID connectorId;

  @BeforeAll
  static void startBroker() throws Exception {
    dataDir = workDirectory.resolve("data");
    httpPort = FreePorts.next();
    adminPort = FreePorts.next();
    kafkaPort = FreePorts.next();
    Path users = Files.writeString(workDirectory.resolve("users.jsonl"),
        "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\", \"status\": \"active\"}\n");
    broker = start("--users-file", users.toString());
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private static Broker start(String... extraFlags) throws Exception {
    String[] flags = {"--data-dir", dataDir.toString(), "--http-port", String.valueOf(httpPort),
        "--admin-port", String.valueOf(adminPort), "--kafka-port", String.valueOf(kafkaPort)};
    String[] all = new String[flags.length + extraFlags.length];
    System.arraycopy(flags, 0, all, 0, flags.length);
    System.arraycopy(extraFlags, 0, all, flags.length, extraFlags.length);
    Broker started = new Broker();
    started.start(CommandLine.parse(all), Map.of());
    return started;
  }

  @Test
  @Order(1)
  void becomesReadyWithEveryCheckUp() throws Exception {
    HttpResponse<String> ready = AdminHttp.awaitReady(adminPort, Duration.ofSeconds(30), null);

    JsonObject body = new JsonObject(ready.body());
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").stream().map(check -> ((JsonObject) check).getString("name")))
        .containsExactlyInAnyOrder("postgresql", "kafka", "connector-registry", "user-directory", "audit-log", "auth-edge");
    assertThat(AdminHttp.get(adminPort, "/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void healthAndMetricsAreOnTheAdminPortOnly() throws Exception {
    HttpResponse<String> metrics = AdminHttp.get(adminPort, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("vertx_http_server_requests_total").contains("jvm_memory_used_bytes");

    assertThat(AdminHttp.get(httpPort, "/health/ready").statusCode()).isEqualTo(404);
    assertThat(AdminHttp.get(httpPort, "/metrics").statusCode()).isEqualTo(404);
    HttpResponse<String> unknown = AdminHttp.get(adminPort, "/admin/nothing-here");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  @Order(2)
  void everyAnswerCarriesACorrelationId() throws Exception {
    HttpResponse<String> fresh = AdminHttp.get(adminPort, "/health/live");
    assertThat(fresh.headers().firstValue("X-Correlation-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));

    HttpResponse<String> kept = AdminHttp.get(adminPort, "/health/live", "X-Correlation-Id", "caller-chosen-id-42");
    assertThat(kept.headers().firstValue("X-Correlation-Id")).contains("caller-chosen-id-42");

    HttpResponse<String> forged = AdminHttp.get(adminPort, "/health/live", "X-Correlation-Id", "x\"}{forged");
    assertThat(forged.headers().firstValue("X-Correlation-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
  }

  @Test
  @Order(3)
  void auditTopicExistsOnTheEmbeddedKafka() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort))) {
      assertThat(admin.listTopics().names().get()).contains("sso.audit.v1");
    }
  }

  @Test
  @Order(4)
  void registryAndDirectoryAnswerOverTheEventBusFromPostgres() {
    Pool sql = PgPools.create(broker.vertx(), broker.serviceContext().database(), "test", 1);
    connectorId = UUID.randomUUID();
    try {
      Await.result(sql.query("insert into registry.orgs (slug, name) values ('acme', 'Acme')").execute());
      Await.result(sql.preparedQuery("""
              insert into registry.connectors (id, org_slug, kind, display_name, state, source, parameters)
              values ($1, 'acme', 'azure', 'Acme Entra ID', 'active', 'api', $2)
              """)
          .execute(Tuple.of(connectorId, new JsonObject().put("tenantId", "t-1"))));
      Await.result(sql.preparedQuery("insert into registry.connector_domains values ($1, 'acme.com')")
          .execute(Tuple.of(connectorId)));
      Await.result(sql.query("""
          insert into registry.domains (domain, org_slug, verification_token, verified_at, source)
          values ('acme.com', 'acme', 'dns-token', now(), 'api')
          """).execute());
      Await.result(sql.query("""
          insert into directory.users (id, email, name, org_slug, status)
          values (gen_random_uuid(), 'bob@acme.com', 'Bob', 'acme', 'disabled')
          """).execute());
    } finally {
      Await.result(sql.close());
    }

    assertLookupsAnswer(broker);
  }

  @Test
  @Order(5)
  void dataSurvivesARestartOnTheSameDataDirectory() throws Exception {
    broker.close();
    broker = start();

    AdminHttp.awaitReady(adminPort, Duration.ofSeconds(30), null);
    assertLookupsAnswer(broker);
  }

  private static void assertLookupsAnswer(Broker running) {
    var bus = running.serviceContext().busRequester(running.vertx());
    ConnectorDescriptor connector =
        Await.result(new RegistryClient(bus).activeConnectorForDomain("acme.com")).orElseThrow();
    assertThat(connector.id()).isEqualTo(connectorId);
    assertThat(connector.kind()).isEqualTo(ConnectorKind.AZURE);
    assertThat(connector.parameters().getString("tenantId")).isEqualTo("t-1");
    assertThat(Await.result(new RegistryClient(bus).connectorById(connectorId))).isPresent();

    DirectoryClient directory = new DirectoryClient(bus);
    DirectoryUser alice = Await.result(directory.userByEmail(EmailAddress.parse("alice@acme.com").orElseThrow()))
        .orElseThrow();
    assertThat(alice.org()).isEqualTo("acme");
    assertThat(Await.result(directory.userByEmail(EmailAddress.parse("Bob@Acme.com").orElseThrow())))
        .hasValueSatisfying(bob -> assertThat(bob.name()).isEqualTo("Bob"));
  }
}
