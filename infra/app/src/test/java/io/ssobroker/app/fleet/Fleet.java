package io.ssobroker.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.embedded.EmbeddedPostgresServer;
import io.ssobroker.platform.db.DatabaseSettings;
import io.ssobroker.platform.testing.FreePorts;
import io.ssobroker.platform.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything a fleet runs on, each in a process of its own on loopback: PostgreSQL (zonky's binaries), a Kafka broker
 * in its own JVM, HAProxy (Debian's) in front of the edges, and broker processes on the clustered event bus.
 */
final class Fleet implements AutoCloseable {

  static final String ADMIN_TOKEN = "fleet-admin-token-0123456789abcdef0123456789";
  static final String AUDIT_TOPIC = "fleet.audit";

  final Path work;
  final FleetCertificates certificates;
  final String secretsKeys;
  private final EmbeddedPostgresServer postgres;
  private final Process kafka;
  final String kafkaBootstrapServers;
  final int publicPort = FreePorts.next();
  private final Map<String, Integer> membershipPorts = new LinkedHashMap<>();
  private final List<FleetNode> nodes = new ArrayList<>();
  private final List<String> edges = new ArrayList<>();
  private Process haproxy;

  private Fleet(Path work, FleetCertificates certificates, EmbeddedPostgresServer postgres, Process kafka,
      String kafkaBootstrapServers) {
    this.work = work;
    this.certificates = certificates;
    this.postgres = postgres;
    this.kafka = kafka;
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.secretsKeys = "fleet1:" + Base64.getEncoder().encodeToString(key);
  }

  static Fleet start(Path work) throws Exception {
    return start(work, Map.of());
  }

  /** @param postgresSettings more PostgreSQL server settings (a benchmark's statement statistics) */
  static Fleet start(Path work, Map<String, String> postgresSettings) throws Exception {
    FleetCertificates certificates = FleetCertificates.create(work.resolve("tls"));
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("postgres"), 0, postgresSettings);
    int kafkaPort = FreePorts.next();
    Path kafkaLog = work.resolve("kafka.log");
    Process kafka = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), StandaloneKafka.class.getName(),
        work.resolve("kafka").toString(), String.valueOf(kafkaPort))
        .redirectErrorStream(true).redirectOutput(kafkaLog.toFile()).start();
    Instant giveUp = Instant.now().plusSeconds(90);
    while (!Files.readString(kafkaLog).contains("kafka ready at")) {
      assertThat(kafka.isAlive()).as("Kafka's JVM: %s", Files.readString(kafkaLog)).isTrue();
      assertThat(Instant.now()).as("Kafka starts: %s", Files.readString(kafkaLog)).isBefore(giveUp);
      Thread.sleep(200);
    }
    return new Fleet(work, certificates, postgres, kafka, "127.0.0.1:" + kafkaPort);
  }

  DatabaseSettings database() {
    return TestPostgres.settingsOf(postgres);
  }

  Path postgresDataDirectory() {
    return postgres.dataDirectory();
  }

  ProcessHandle kafkaProcess() {
    return kafka.toHandle();
  }

  ProcessHandle loadBalancerProcess() {
    return haproxy.toHandle();
  }

  List<FleetNode> nodes() {
    return List.copyOf(nodes);
  }

  String databaseUrl() {
    DatabaseSettings database = TestPostgres.settingsOf(postgres);
    return "postgresql://" + database.user() + "@" + database.host() + ":" + database.port() + "/"
        + database.database();
  }

  /** Reserves a member's ports now, so that every member's list names all of them. */
  void plan(String... names) {
    for (String name : names) {
      // the membership port and the failure detector's, one above it
      membershipPorts.put(name, FreePorts.nextRunOutsideEphemeralRange(2));
    }
  }

  /** A broker process running these services, on the fleet's bus; not started yet. */
  FleetNode node(String name, String services, List<String> extraFlags, Map<String, String> environment) {
    if (!membershipPorts.containsKey(name)) {
      plan(name);
    }
    int membershipPort = membershipPorts.get(name);
    List<String> flags = new ArrayList<>(List.of(
        "--services", services,
        "--data-dir", work.resolve("data-" + name).toString(),
        "--public-base-url", "http://127.0.0.1:" + publicPort,
        "--database-url", databaseUrl(),
        "--kafka-bootstrap-servers", kafkaBootstrapServers,
        "--audit-topic", AUDIT_TOPIC,
        "--secrets-keys", secretsKeys,
        "--admin-token", ADMIN_TOKEN,
        "--cluster-enabled", "true",
        "--cluster-port", String.valueOf(FreePorts.nextOutsideEphemeralRange()),
        "--cluster-membership-port", String.valueOf(membershipPort),
        "--cluster-members", membersList()));
    flags.addAll(certificates.flags());
    if (services.contains("auth-edge")) {
      // HAProxy checks every 250 ms and drops an edge after two failed checks
      flags.addAll(List.of("--shutdown-delay", "PT1.5S"));
    }
    flags.addAll(extraFlags);
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put("SSO_LOG_FORMAT", "json");
    FleetNode node = FleetNode.create(name, work.resolve(name + ".log"),
        FreePorts.nextOutsideEphemeralRange(), FreePorts.nextOutsideEphemeralRange(), flags,
        env);
    nodes.add(node);
    if (services.contains("auth-edge")) {
      edges.add(name);
    }
    return node;
  }

  private String membersList() {
    return String.join(",", membershipPorts.values().stream().map(port -> "127.0.0.1:" + port).toList());
  }

  FleetNode named(String name) {
    return nodes.stream().filter(node -> node.name.equals(name)).findFirst().orElseThrow();
  }

  /** HAProxy, round robin over the edges with no stickiness, each checked on its admin port's readiness. */
  void startLoadBalancer() throws Exception {
    StringBuilder config = new StringBuilder("""
        global
          maxconn 4000
        defaults
          mode http
          timeout connect 2s
          timeout client 30s
          timeout server 30s
          timeout check 3s
          retries 1
          option redispatch
          retry-on conn-failure
          http-reuse never
        frontend public
          bind 127.0.0.1:%d
          default_backend edges
        backend edges
          balance roundrobin
          option httpchk GET /health/ready
          http-check expect status 200
          http-response set-header X-Served-By %%s
        """.formatted(publicPort));
    for (String edge : edges) {
      FleetNode node = named(edge);
      config.append("  server ").append(edge).append(" 127.0.0.1:").append(node.httpPort)
          .append(" check port ").append(node.adminPort).append(" inter 250ms fall 2 rise 2\n");
    }
    Path file = work.resolve("haproxy.cfg");
    Files.writeString(file, config);
    haproxy = new ProcessBuilder("haproxy", "-f", file.toString(), "-db").redirectErrorStream(true)
        .redirectOutput(work.resolve("haproxy.log").toFile()).start();
    Thread.sleep(300);
    assertThat(haproxy.isAlive()).as("HAProxy runs: %s", Files.readString(work.resolve("haproxy.log"))).isTrue();
  }

  String publicBaseUrl() {
    return "http://127.0.0.1:" + publicPort;
  }

  /** Waits until HAProxy has an edge that passes its check, as a load balancer would route to. */
  void awaitServing(Duration timeout) throws Exception {
    Instant giveUp = Instant.now().plus(timeout);
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    while (Instant.now().isBefore(giveUp)) {
      try {
        int status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(publicBaseUrl()
            + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 503) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // HAProxy starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("HAProxy serves no edge after " + timeout);
  }

  @Override
  public void close() throws Exception {
    if (haproxy != null) {
      haproxy.destroy();
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    kafka.destroy();
    if (!kafka.waitFor(60, TimeUnit.SECONDS)) {
      kafka.destroyForcibly();
    }
    postgres.close();
    keepLogs();
  }

  /** Every process's log, kept in target/fleet-logs for whoever reads a failed run. */
  private void keepLogs() throws java.io.IOException {
    Path kept = Path.of("target", "fleet-logs");
    Files.createDirectories(kept);
    try (var files = Files.list(work)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
        Files.copy(file, kept.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
