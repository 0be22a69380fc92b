package io.ssobroker.bench;

import io.ssobroker.edge.testidp.TestIdp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The all-in-one broker under measurement, started from its jar as a separate process with one org ({@code bench},
 * domain bench.example.com) whose connector is a local IdP, and the given users. {@code BENCH_BROKER_JAVA_OPTS}
 * passes JVM options to it.
 */
final class BenchBroker implements AutoCloseable {

  static final String ADMIN_TOKEN = "bench-platform-admin-token-0123456789abcdef";

  final int httpPort;
  final int adminPort;
  private final Process process;
  private final Path dataDir;

  private BenchBroker(int httpPort, int adminPort, Process process, Path dataDir) {
    this.httpPort = httpPort;
    this.adminPort = adminPort;
    this.process = process;
    this.dataDir = dataDir;
  }

  static BenchBroker start(Path jar, TestIdp idp, String usersJsonLines) throws Exception {
    Path work = Files.createTempDirectory("sso-bench");
    int httpPort = freePort();
    int adminPort = freePort();
    Path connectors = Files.writeString(work.resolve("connectors.json"), """
        {"bench": [{"kind": "oidc", "domains": ["bench.example.com"],
                    "parameters": {"discoveryEndpoint": "%s", "clientId": "bench-app", "clientSecret": "bench-secret"}}]}
        """.formatted(idp.discoveryUrl()));
    Path users = Files.writeString(work.resolve("users.jsonl"), usersJsonLines);
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    String jvmOptions = System.getenv().getOrDefault("BENCH_BROKER_JAVA_OPTS", "").trim();
    if (!jvmOptions.isEmpty()) {
      command.addAll(List.of(jvmOptions.split("\\s+")));
      System.out.println("broker JVM options: " + jvmOptions);
    }
    command.addAll(List.of("-jar", jar.toString(),
        "--data-dir", work.resolve("data").toString(),
        "--http-port", String.valueOf(httpPort), "--admin-port", String.valueOf(adminPort),
        "--kafka-port", String.valueOf(freePort()),
        "--public-base-url", "http://127.0.0.1:" + httpPort,
        "--connectors-file", connectors.toString(), "--users-file", users.toString(),
        "--admin-token", ADMIN_TOKEN,
        "--login-rate-limit", "0"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("broker.log").toFile());
    builder.environment().put("SSO_LOG_FORMAT", "json");
    System.out.println("broker log: " + work.resolve("broker.log"));
    BenchBroker broker = new BenchBroker(httpPort, adminPort, builder.start(), work.resolve("data"));
    broker.awaitReady();
    return broker;
  }

  /** What the broker and its PostgreSQL have used of the CPU so far. */
  CpuUse cpu() {
    return CpuUse.of(process.toHandle(), dataDir);
  }

  String publicBase() {
    return "http://127.0.0.1:" + httpPort;
  }

  String adminBase() {
    return "http://127.0.0.1:" + adminPort;
  }

  /** Stops the broker and removes its data (gigabytes after a long run); its log stays. */
  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    if (process.waitFor(60, TimeUnit.SECONDS)) {
      try (Stream<Path> paths = Files.walk(dataDir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private void awaitReady() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    Instant giveUp = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(giveUp)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the broker exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(adminBase() + "/health/ready"))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the broker did not become ready");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
