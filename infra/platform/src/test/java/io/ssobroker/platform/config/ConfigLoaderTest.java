package io.ssobroker.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.platform.service.ServiceName;
import io.ssobroker.platform.testing.Await;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

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

  private static BrokerConfig load(Map<String, String> environment, String... args) {
    return Await.result(ConfigLoader.load(vertx, CommandLine.parse(args), environment));
  }

  private static Throwable loadFailure(Map<String, String> environment, String... args) {
    try {
      return Await.failure(ConfigLoader.load(vertx, CommandLine.parse(args), environment));
    } catch (ConfigException thrownWhileParsing) {
      return thrownWhileParsing;
    }
  }

  @Test
  void defaultsMatchTheSpec() {
    BrokerConfig config = load(Map.of());

    assertThat(config.publicBaseUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.adminPort()).isEqualTo(8081);
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.databaseUrl()).isEmpty();
    assertThat(config.kafkaBootstrapServers()).isEmpty();
    assertThat(config.kafkaEmbeddedPort()).isEqualTo(9092);
    assertThat(config.auditTopic()).isEqualTo("sso.audit.v1");
    assertThat(config.auditStore()).isEqualTo(
        new BrokerConfig.AuditStoreSettings(false, "sso.audit.ocsf.v1", Duration.ofDays(365)));
    assertThat(config.connectorsFile()).isEmpty();
    assertThat(config.usersFile()).isEmpty();
    assertThat(config.adminToken()).isEmpty();
    assertThat(config.allowedReturnOrigins()).containsExactly("http://localhost:8080");
    assertThat(config.services()).containsExactlyInAnyOrder(ServiceName.values());
    assertThat(config.eventBusTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.embeddedPostgres()).isTrue();
    assertThat(config.embeddedKafka()).isTrue();
  }

  @Test
  void laterLayersWin_fileThenEnvironmentThenFlags() throws IOException {
    Path file = directory.resolve("broker.yaml");
    Files.writeString(file, """
        http:
          port: 9001
        admin:
          port: 9002
        audit:
          topic: from.file
        dataDir: /from/file
        """);

    BrokerConfig config = load(
        Map.of("SSO_ADMIN_PORT", "9102", "SSO_AUDIT_TOPIC", "from.env"),
        "--config", file.toString(), "--audit-topic", "from.flag");

    assertThat(config.httpPort()).as("file over default").isEqualTo(9001);
    assertThat(config.adminPort()).as("environment over file").isEqualTo(9102);
    assertThat(config.auditTopic()).as("flag over environment").isEqualTo("from.flag");
    assertThat(config.dataDir()).isEqualTo(Path.of("/from/file"));
  }

  @Test
  void jsonConfigFileIsAccepted() throws IOException {
    Path file = directory.resolve("broker.json");
    Files.writeString(file, "{\"kafka\": {\"embedded\": {\"port\": 19092}}, \"publicBaseUrl\": \"https://sso.example.com/\"}");

    BrokerConfig config = load(Map.of(), "--config", file.toString());

    assertThat(config.kafkaEmbeddedPort()).isEqualTo(19092);
    assertThat(config.publicBaseUrl()).isEqualTo(URI.create("https://sso.example.com"));
    assertThat(config.allowedReturnOrigins()).containsExactly("https://sso.example.com");
  }

  @Test
  void everyContractKeyHasItsEnvironmentVariable() throws IOException {
    Path users = Files.writeString(directory.resolve("users.jsonl"), "");
    Path connectors = Files.writeString(directory.resolve("connectors.json"), "{}");
    Map<String, String> environment = Map.ofEntries(
        Map.entry("SSO_PUBLIC_BASE_URL", "https://login.example.com"),
        Map.entry("SSO_HTTP_PORT", "1080"),
        Map.entry("SSO_ADMIN_PORT", "1081"),
        Map.entry("SSO_DATA_DIR", "/var/lib/sso"),
        Map.entry("SSO_DATABASE_URL", "postgresql://sso:pw@db.internal:5432/sso"),
        Map.entry("SSO_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092"),
        Map.entry("SSO_KAFKA_PORT", "19092"),
        Map.entry("SSO_AUDIT_TOPIC", "audit.events"),
        Map.entry("SSO_CONNECTORS_FILE", connectors.toString()),
        Map.entry("SSO_USERS_FILE", users.toString()),
        Map.entry("SSO_ADMIN_TOKEN", "a".repeat(40)),
        Map.entry("SSO_ALLOWED_RETURN_ORIGINS", "https://app.example.com, https://admin.example.com:8443"));

    BrokerConfig config = load(environment);

    assertThat(config.publicBaseUrl()).isEqualTo(URI.create("https://login.example.com"));
    assertThat(config.httpPort()).isEqualTo(1080);
    assertThat(config.adminPort()).isEqualTo(1081);
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/sso"));
    assertThat(config.databaseUrl()).hasValueSatisfying(url -> assertThat(url.value()).contains("db.internal"));
    assertThat(config.kafkaBootstrapServers()).contains("k1:9092,k2:9092");
    assertThat(config.kafkaEmbeddedPort()).isEqualTo(19092);
    assertThat(config.auditTopic()).isEqualTo("audit.events");
    assertThat(config.connectorsFile()).contains(connectors);
    assertThat(config.usersFile()).contains(users);
    assertThat(config.adminToken()).isPresent();
    assertThat(config.allowedReturnOrigins()).containsExactly("https://app.example.com", "https://admin.example.com:8443");
  }

  @Test
  void auditStoreKeysComeFromEveryLayer() throws IOException {
    Path file = Files.writeString(directory.resolve("audit.yaml"), """
        audit:
          topic: audit.main
          ocsf:
            enabled: true
          retention: P30D
        """);

    BrokerConfig fromFile = load(Map.of(), "--config", file.toString());
    BrokerConfig fromEnvironment = load(Map.of("SSO_AUDIT_OCSF_ENABLED", "true", "SSO_AUDIT_OCSF_TOPIC", "siem.ocsf",
        "SSO_AUDIT_RETENTION", "PT12H"));
    BrokerConfig fromFlags = load(Map.of(), "--audit-ocsf-enabled", "false", "--audit-retention", "P7D");

    assertThat(fromFile.auditStore()).isEqualTo(
        new BrokerConfig.AuditStoreSettings(true, "sso.audit.ocsf.v1", Duration.ofDays(30)));
    assertThat(fromEnvironment.auditStore()).isEqualTo(
        new BrokerConfig.AuditStoreSettings(true, "siem.ocsf", Duration.ofHours(12)));
    assertThat(fromFlags.auditStore().ocsfEnabled()).isFalse();
    assertThat(fromFlags.auditStore().retention()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void emptyConnectorsFileDisablesSso() {
    assertThat(load(Map.of("SSO_CONNECTORS_FILE", "")).connectorsFile()).isEqualTo(Optional.empty());
  }

  @Test
  void flagsAcceptBothSpellings() {
    BrokerConfig config = load(Map.of(), "--http-port=7000", "--admin-port", "7001");
    assertThat(config.httpPort()).isEqualTo(7000);
    assertThat(config.adminPort()).isEqualTo(7001);
  }

  @Test
  void secretsDoNotPrint() {
    BrokerConfig config = load(Map.of(
        "SSO_ADMIN_TOKEN", "token-" + "x".repeat(40),
        "SSO_DATABASE_URL", "postgresql://sso:hunter2-password@db:5432/sso"));
    assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("xxxxxxxx");
  }

  @Test
  void clusteredModeRefusesTheEmbeddedEnginesPlaintextAndMulticast() throws IOException {
    Path pem = Files.createTempFile("cluster", ".pem");
    String[] tls = {"--cluster-tls-key-file", pem.toString(), "--cluster-tls-cert-file", pem.toString(),
        "--cluster-tls-trust-file", pem.toString()};
    String[] external = {"--database-url", "postgresql://sso@127.0.0.1:5432/sso", "--kafka-bootstrap-servers",
        "127.0.0.1:9092", "--secrets-keys", "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32])};

    assertThat(loadFailure(Map.of(), concat(new String[] {"--cluster-enabled", "true"}, tls)).getMessage())
        .contains("cluster.members").contains("multicast is never used");
    assertThat(loadFailure(Map.of(), "--cluster-enabled", "true", "--cluster-members", "127.0.0.1:7900")
        .getMessage()).contains("cluster.tls.keyFile").contains("mutual TLS");
    assertThat(loadFailure(Map.of(), concat(new String[] {"--cluster-enabled", "true", "--cluster-members",
        "127.0.0.1:7900"}, tls)).getMessage()).contains("database.url").contains("kafka.bootstrapServers")
        .contains("embedded");
    assertThat(loadFailure(Map.of(), "--cluster-members", "127.0.0.1:7900").getMessage())
        .contains("cluster.enabled is false");
    assertThat(loadFailure(Map.of(), concat(concat(new String[] {"--cluster-enabled", "true", "--cluster-members",
        "127.0.0.1:7900"}, tls), new String[] {"--database-url", "postgresql://sso@127.0.0.1:5432/sso",
        "--kafka-bootstrap-servers", "127.0.0.1:9092"})).getMessage()).contains("secrets.keys");

    BrokerConfig config = load(Map.of("SSO_CLUSTER_MEMBERS", "10.0.0.1:7900,[::1]:7901"),
        concat(concat(new String[] {"--cluster-enabled", "true", "--cluster-public-host", "10.0.0.9"}, tls), external));
    assertThat(config.cluster().enabled()).isTrue();
    assertThat(config.cluster().publicHost()).isEqualTo("10.0.0.9");
    assertThat(config.cluster().members()).extracting(java.net.InetSocketAddress::getHostString)
        .containsExactly("10.0.0.1", "::1");
    assertThat(load(Map.of()).cluster().enabled()).as("off by default").isFalse();
  }

  private static String[] concat(String[] first, String[] second) {
    String[] both = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  @Test
  void badValuesNameTheirKey() {
    assertThat(loadFailure(Map.of(), "--http-port", "abc")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port").hasMessageContaining("'abc'");
    assertThat(loadFailure(Map.of("SSO_ADMIN_PORT", "70000"))).hasMessageContaining("admin.port");
    assertThat(loadFailure(Map.of(), "--public-base-url", "localhost:8080")).hasMessageContaining("publicBaseUrl");
    assertThat(loadFailure(Map.of(), "--audit-topic", "bad topic")).hasMessageContaining("audit.topic");
    assertThat(loadFailure(Map.of(), "--database-url", "mysql://x")).hasMessageContaining("database.url");
    assertThat(loadFailure(Map.of(), "--kafka-bootstrap-servers", "nohostport")).hasMessageContaining("kafka.bootstrapServers");
    assertThat(loadFailure(Map.of(), "--users-file", "/no/such/file")).hasMessageContaining("usersFile");
    assertThat(loadFailure(Map.of(), "--connectors-file", "/no/such/file")).hasMessageContaining("connectorsFile");
    assertThat(loadFailure(Map.of(), "--admin-token", "short")).hasMessageContaining("adminToken");
    assertThat(loadFailure(Map.of(), "--allowed-return-origins", "https://app.example.com/path"))
        .hasMessageContaining("allowedReturnOrigins");
    assertThat(loadFailure(Map.of(), "--services", "auth-edge,mailer")).hasMessageContaining("services");
    assertThat(loadFailure(Map.of(), "--event-bus-timeout", "2 seconds")).hasMessageContaining("eventBus.requestTimeout");
    assertThat(loadFailure(Map.of(), "--audit-ocsf-enabled", "yes")).hasMessageContaining("audit.ocsf.enabled");
    assertThat(loadFailure(Map.of(), "--audit-ocsf-topic", "sso.audit.v1")).hasMessageContaining("audit.ocsf.topic")
        .hasMessageContaining("must differ from audit.topic");
    assertThat(loadFailure(Map.of(), "--audit-ocsf-topic", "bad topic")).hasMessageContaining("audit.ocsf.topic");
    assertThat(loadFailure(Map.of(), "--http-port", "9000", "--admin-port", "9000")).hasMessageContaining("admin.port")
        .hasMessageContaining("must differ from http.port");
    assertThat(loadFailure(Map.of(), "--audit-retention", "365 days")).hasMessageContaining("audit.retention");
    assertThat(loadFailure(Map.of(), "--audit-retention", "PT1S")).hasMessageContaining("audit.retention");
  }

  @Test
  void secretValuesAreNotEchoedInErrors() {
    assertThat(loadFailure(Map.of(), "--admin-token", "tooshort-secret")).hasMessageNotContaining("tooshort-secret");
    assertThat(loadFailure(Map.of(), "--database-url", "mysql://u:hunter2@db/x")).hasMessageNotContaining("hunter2");
  }

  @Test
  void unknownFlagsAndKeysAreRejected() throws IOException {
    assertThat(loadFailure(Map.of(), "--htp-port", "1")).hasMessageContaining("--htp-port");
    Path file = Files.writeString(directory.resolve("typo.yaml"), "http:\n  prot: 1\n");
    assertThat(loadFailure(Map.of(), "--config", file.toString())).hasMessageContaining("http.prot");
  }

  @Test
  void unreadableOrMalformedConfigFileIsNamed() throws IOException {
    assertThat(loadFailure(Map.of(), "--config", directory.resolve("missing.yaml").toString()))
        .hasMessageContaining("missing.yaml");
    Path broken = Files.writeString(directory.resolve("broken.json"), "{not json");
    assertThat(loadFailure(Map.of(), "--config", broken.toString())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("broken.json");
  }

  @Test
  void commandLineNeedsValues() {
    assertThatThrownBy(() -> CommandLine.parse("--http-port")).hasMessageContaining("--http-port needs a value");
    assertThatThrownBy(() -> CommandLine.parse("serve")).hasMessageContaining("unexpected argument 'serve'");
    assertThat(CommandLine.parse("--config", "a.yaml").configFile()).contains(Path.of("a.yaml"));
    assertThat(List.of(CommandLine.parse().flagValues().fieldNames().toArray())).isEmpty();
  }

  @Test
  void demoIsASwitchThatKeepsItsDataApartAndBringsItsOwnFiles() {
    BrokerConfig demo = load(Map.of(), "--demo", "--data-dir", "/var/lib/sso");
    assertThat(demo.demo()).contains(new DemoSettings(8082));
    assertThat(demo.dataDir()).isEqualTo(Path.of("/var/lib/sso/demo"));
    assertThat(demo.connectorsFile()).contains(Path.of("/var/lib/sso/demo/demo-connectors.json"));
    assertThat(demo.usersFile()).contains(Path.of("/var/lib/sso/demo/demo-users.jsonl"));

    assertThat(load(Map.of(), "--data-dir", "/var/lib/sso", "--demo").demo()).as("last on the line").isPresent();
    assertThat(load(Map.of(), "--demo", "false").demo()).isEmpty();
    assertThat(load(Map.of("SSO_DEMO", "true"), "--demo-idp-port", "18082").demo()).contains(new DemoSettings(18082));
    assertThat(load(Map.of()).demo()).isEmpty();
  }

  @Test
  void demoRefusesWhatWouldMixItWithRealDataOrAFleet() {
    assertThat(loadFailure(Map.of("SSO_DATABASE_URL", "postgresql://u:p@db:5432/sso"), "--demo"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("database.url").hasMessageContaining("--demo");
    assertThat(loadFailure(Map.of(), "--demo", "--kafka-bootstrap-servers", "kafka:9092"))
        .hasMessageContaining("kafka.bootstrapServers");
    assertThat(loadFailure(Map.of(), "--demo", "--cluster-enabled", "true")).hasMessageContaining("cluster.enabled");
    assertThat(loadFailure(Map.of(), "--demo", "--services", "auth-edge")).hasMessageContaining("services");
    assertThat(loadFailure(Map.of(), "--demo", "--demo-idp-port", "8080")).hasMessageContaining("demo.idpPort");
    assertThat(loadFailure(Map.of("SSO_DEMO", "maybe"))).hasMessageContaining("demo.enabled");
  }
}
