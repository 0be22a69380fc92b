package io.ssobroker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.embedded.EmbeddedKafkaBroker;
import io.ssobroker.platform.config.CommandLine;
import io.ssobroker.platform.db.DatabaseSettings;
import io.ssobroker.platform.testing.FreePorts;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** database.url and kafka.bootstrapServers replace the embedded servers; readiness follows their health. */
class ExternalInfrastructureIT {

  @TempDir
  Path work;

  @Test
  void externalPostgresAndKafkaReplaceTheEmbeddedOnesAndReadinessFollowsThem() throws Exception {
    DatabaseSettings database = TestPostgres.settings();
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("external-kafka"), FreePorts.next());
    Path dataDir = work.resolve("data");
    int adminPort = FreePorts.next();
    Broker broker = new Broker();
    try {
      broker.start(CommandLine.parse(
          "--data-dir", dataDir.toString(),
          "--http-port", String.valueOf(FreePorts.next()),
          "--admin-port", String.valueOf(adminPort),
          "--database-url", "postgresql://" + database.user() + "@" + database.host() + ":" + database.port() + "/"
              + database.database(),
          "--kafka-bootstrap-servers", kafka.bootstrapServers(),
          "--audit-topic", "external.audit"), Map.of());

      AdminHttp.awaitReady(adminPort, Duration.ofSeconds(30), null);
      assertThat(dataDir.resolve("postgres")).as("no embedded PostgreSQL").doesNotExist();
      assertThat(dataDir.resolve("kafka")).as("no embedded Kafka").doesNotExist();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get()).contains("external.audit");
      }

      kafka.close();

      JsonObject notReady = awaitNotReady(adminPort);
      assertThat(notReady.getString("status")).isEqualTo("DOWN");
      assertThat(notReady.getJsonArray("checks").stream().map(JsonObject.class::cast)
          .filter(check -> check.getString("name").equals("kafka")).findFirst().orElseThrow().getString("status"))
          .isEqualTo("DOWN");
      assertThat(notReady.getJsonArray("checks").stream().map(JsonObject.class::cast)
          .filter(check -> check.getString("name").equals("postgresql")).findFirst().orElseThrow().getString("status"))
          .isEqualTo("UP");
    } finally {
      broker.close();
      kafka.close();
    }
  }

  private static JsonObject awaitNotReady(int adminPort) throws Exception {
    Instant giveUp = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(giveUp)) {
      HttpResponse<String> response = AdminHttp.get(adminPort, "/health/ready");
      if (response.statusCode() == 503) {
        return new JsonObject(response.body());
      }
      Thread.sleep(250);
    }
    throw new AssertionError("/health/ready still answers 200 with Kafka stopped");
  }
}
