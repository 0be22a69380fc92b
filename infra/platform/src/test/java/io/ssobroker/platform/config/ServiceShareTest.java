package io.ssobroker.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.Await;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each service is given its own share of the configuration: every key it reads arrives in its record under its own
 * name, never a neighbour of the same type in its place (the public and the console URL, the three files).
 */
class ServiceShareTest {

  private static Vertx vertx;

  @TempDir
  Path directory;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    Await.result(vertx.close());
  }

  private BrokerConfig load(String... args) {
    return Await.result(ConfigLoader.load(vertx, CommandLine.parse(args), Map.of()));
  }

  @Test
  void theRegistryReadsItsKeysUnderTheirOwnNames() throws IOException {
    Path connectors = Files.writeString(directory.resolve("connectors.yaml"), "connectors: []\n");
    Path clients = Files.writeString(directory.resolve("clients.yaml"), "clients: []\n");
    BrokerConfig config = load("--public-base-url", "https://sso.example.com", "--console-url",
        "https://console.example.com", "--data-dir", directory.toString(), "--audit-topic", "acme.audit",
        "--connectors-file", connectors.toString(), "--clients-file", clients.toString(),
        "--file-sync-allow-removals", "true", "--dns-resolver", "127.0.0.1:5353");

    RegistryConfig registry = config.registry();

    assertThat(registry.publicBaseUrl()).isEqualTo(URI.create("https://sso.example.com"));
    assertThat(registry.consoleUrl()).isEqualTo(URI.create("https://console.example.com"));
    assertThat(registry.dataDir()).isEqualTo(directory);
    assertThat(registry.auditTopic()).isEqualTo("acme.audit");
    assertThat(registry.connectorsFile()).contains(connectors);
    assertThat(registry.clientsFile()).contains(clients);
    assertThat(registry.fileRemovalsAllowed()).isTrue();
    assertThat(registry.dnsResolver()).contains(InetSocketAddress.createUnresolved("127.0.0.1", 5353));
    assertThat(registry.adminToken()).isEmpty();
    assertThat(registry.secretsKeys()).isEmpty();
  }

  @Test
  void theDirectoryAndTheAuditLogReadTheirs() throws IOException {
    Path users = Files.writeString(directory.resolve("users.jsonl"), "");
    BrokerConfig config = load("--audit-topic", "acme.audit", "--users-file", users.toString(),
        "--public-base-url", "https://sso.example.com", "--audit-ocsf-enabled", "true", "--audit-retention", "P30D");

    assertThat(config.directory()).isEqualTo(new DirectoryConfig("acme.audit", java.util.Optional.of(users)));
    AuditConfig audit = config.audit();
    assertThat(audit.auditTopic()).isEqualTo("acme.audit");
    assertThat(audit.publicBaseUrl()).isEqualTo(URI.create("https://sso.example.com"));
    assertThat(audit.store().ocsfEnabled()).isTrue();
    assertThat(audit.store().retention()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void theEdgeReadsItsPortsLoginSettingsAndWhetherItIsADemo() {
    BrokerConfig config = load("--public-base-url", "https://sso.example.com", "--listen-host", "127.0.0.2",
        "--http-port", "7000", "--admin-port", "7001", "--allowed-return-origins", "https://app.example.com",
        "--session-lifetime", "PT2H", "--login-rate-limit", "7");

    EdgeConfig edge = config.edge();

    assertThat(edge.publicBaseUrl()).isEqualTo(URI.create("https://sso.example.com"));
    assertThat(edge.listenHost()).isEqualTo("127.0.0.2");
    assertThat(edge.httpPort()).isEqualTo(7000);
    assertThat(edge.adminPort()).isEqualTo(7001);
    assertThat(edge.allowedReturnOrigins()).isEqualTo(List.of("https://app.example.com"));
    assertThat(edge.login().sessionLifetime()).isEqualTo(Duration.ofHours(2));
    assertThat(edge.login().rateLimitPerMinute()).isEqualTo(7);
    assertThat(edge.demo()).isFalse();
    assertThat(load("--demo", "--data-dir", directory.toString()).edge().demo()).isTrue();
  }

  @Test
  void everyServiceAsksTheOthersWithTheConfiguredTimeout() {
    assertThat(load("--event-bus-timeout", "PT3S").eventBus()).isEqualTo(new EventBusSettings(Duration.ofSeconds(3), false));
  }
}
