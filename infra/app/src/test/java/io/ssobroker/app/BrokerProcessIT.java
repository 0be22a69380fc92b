package io.ssobroker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as an operator runs it: {@code java -jar sso-broker.jar}, stopped with SIGTERM. */
class BrokerProcessIT {

  private static final Path JAR = Path.of(System.getProperty("sso.broker.jar", "target/sso-broker.jar"));

  @TempDir
  Path work;

  private Process launch(Map<String, String> environment, String... args) throws IOException {
    assertThat(JAR).as("the runnable jar built by the package phase").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("broker.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SSO_"));
    builder.environment().put("SSO_LOG_FORMAT", "json");
    builder.environment().putAll(environment);
    return builder.start();
  }

  private void awaitReady(int adminPort, Process broker) throws Exception {
    try {
      AdminHttp.awaitReady(adminPort, java.time.Duration.ofSeconds(90), broker);
    } catch (AssertionError notReady) {
      throw new AssertionError(notReady.getMessage() + "; its output:\n" + output(), notReady);
    }
  }

  private String output() throws IOException {
    return Files.readString(work.resolve("broker.log"));
  }

  private int exitCodeOf(Process process) throws InterruptedException {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process exits").isTrue();
    return process.exitValue();
  }

  @Test
  void badFlagValueExitsBeforeListeningAndNamesTheKey() throws Exception {
    Process broker = launch(Map.of(), "--data-dir", work.resolve("data").toString(), "--http-port", "abc");

    assertThat(exitCodeOf(broker)).isEqualTo(Main.EXIT_BAD_CONFIGURATION);
    assertThat(output()).contains("http.port").contains("'abc'").doesNotContain("\tat ");
    assertThat(work.resolve("data")).as("nothing was started").doesNotExist();
  }

  @Test
  void badEnvironmentValueExitsAndNamesTheKey() throws Exception {
    Process broker = launch(Map.of("SSO_ADMIN_PORT", "70000"), "--data-dir", work.resolve("data").toString());

    assertThat(exitCodeOf(broker)).isEqualTo(Main.EXIT_BAD_CONFIGURATION);
    assertThat(output()).contains("admin.port").contains("SSO_ADMIN_PORT");
  }

  @Test
  void badConfigFileValueExitsAndNamesTheKey() throws Exception {
    Path config = Files.writeString(work.resolve("broker.yaml"), "audit:\n  topic: \"no spaces allowed\"\n");
    Process broker = launch(Map.of(), "--config", config.toString());

    assertThat(exitCodeOf(broker)).isEqualTo(Main.EXIT_BAD_CONFIGURATION);
    assertThat(output()).contains("audit.topic");
  }

  @Test
  void badUsersFileLineStopsStartupWithItsLineNumber() throws Exception {
    Path users = Files.writeString(work.resolve("users.csv"), "email,name,org,status\nalice@acme.com,Alice,acme,active\nbob,Bob,acme,active\n");
    Process broker = launch(Map.of(), "--data-dir", work.resolve("data").toString(),
        "--http-port", String.valueOf(FreePorts.next()), "--admin-port", String.valueOf(FreePorts.next()),
        "--kafka-port", String.valueOf(FreePorts.next()), "--users-file", users.toString());

    assertThat(exitCodeOf(broker)).isEqualTo(Main.EXIT_BAD_CONFIGURATION);
    assertThat(output()).contains("users file " + users + ": line 3: email: not an email address");
    assertThat(postgresProcessesOf(work.resolve("data"))).as("the embedded PostgreSQL was stopped").isEmpty();
  }

  @Test
  void invalidConnectorsFileStopsStartupNamingFileOrgIndexAndField() throws Exception {
    Path connectors = Files.writeString(work.resolve("connectors.json"), """
        {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "https://idp.acme.com/.well-known/openid-configuration",
                                  "clientSecret": "s"}}]}
        """);
    Process broker = launch(Map.of(), "--data-dir", work.resolve("data").toString(),
        "--http-port", String.valueOf(FreePorts.next()), "--admin-port", String.valueOf(FreePorts.next()),
        "--kafka-port", String.valueOf(FreePorts.next()), "--connectors-file", connectors.toString());

    assertThat(exitCodeOf(broker)).isEqualTo(Main.EXIT_BAD_CONFIGURATION);
    assertThat(output()).contains("connectors file " + connectors + ": acme[0].parameters.clientId: required");
  }

  @Test
  void entraMultiTenantConnectorWithoutAllowedTenantsStopsStartupNamingTheField() throws Exception {
    Path connectors = Files.writeString(work.resolve("multi-tenant.json"), """
        {"contoso": [{"kind": "azure", "domains": ["contoso.test"],
                      "parameters": {"tenantId": "2f1c6bde-55c4-4a5e-9d1c-6f3a1b2c3d4e", "tenantType": "multi",
                                     "clientId": "contoso-app", "clientSecret": "s"}}]}
        """);
    Process broker = launch(Map.of(), "--data-dir", work.resolve("data").toString(),
        "--http-port", String.valueOf(FreePorts.next()), "--admin-port", String.valueOf(FreePorts.next()),
        "--kafka-port", String.valueOf(FreePorts.next()), "--connectors-file", connectors.toString());

    assertThat(exitCodeOf(broker)).isEqualTo(Main.EXIT_BAD_CONFIGURATION);
    assertThat(output()).contains("connectors file " + connectors
        + ": contoso[0].parameters.allowedTenants: required for tenantType multi");
  }

  @Test
  void firstStartPrintsAGeneratedPlatformTokenOnceAndItWorks() throws Exception {
    Path data = work.resolve("data");
    int adminPort = FreePorts.next();
    String[] flags = {"--data-dir", data.toString(), "--http-port", String.valueOf(FreePorts.next()),
        "--admin-port", String.valueOf(adminPort), "--kafka-port", String.valueOf(FreePorts.next())};
    String token;
    Process first = launch(Map.of(), flags);
    try {
      awaitReady(adminPort, first);
      java.util.regex.Matcher printed = java.util.regex.Pattern.compile("ssoadm_[A-Za-z0-9_-]{43}").matcher(output());
      assertThat(printed.find()).as("the banner shows the token").isTrue();
      token = printed.group();
      assertThat(output().lines().filter(line -> line.contains(token)))
          .as("only the banner line, never a JSON log line").hasSize(1).noneMatch(line -> line.startsWith("{"));
      var orgs = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + adminPort + "/admin/v1/orgs"))
          .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(orgs.statusCode()).isEqualTo(200);
    } finally {
      first.destroy();
      first.waitFor(60, TimeUnit.SECONDS);
    }

    int restartAdminPort = FreePorts.next();
    Process second = launch(Map.of(), "--data-dir", data.toString(), "--http-port", String.valueOf(FreePorts.next()),
        "--admin-port", String.valueOf(restartAdminPort), "--kafka-port", String.valueOf(FreePorts.next()));
    try {
      awaitReady(restartAdminPort, second);
      assertThat(output()).as("no second token on restart").doesNotContain("ssoadm_");
    } finally {
      second.destroy();
      second.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void sigtermStopsEverythingAndLeavesNoPostgresBehind() throws Exception {
    Path data = work.resolve("data");
    int kafkaPort = FreePorts.next();
    int adminPort = FreePorts.next();
    int httpPort = FreePorts.next();
    Process broker = launch(Map.of("SSO_KAFKA_PORT", String.valueOf(kafkaPort)), "--data-dir", data.toString(),
        "--http-port", String.valueOf(httpPort), "--admin-port", String.valueOf(adminPort));
    try {
      AdminHttp.awaitReady(adminPort, java.time.Duration.ofSeconds(90), broker);
      assertThat(postgresProcessesOf(data)).as("the embedded PostgreSQL runs on the data directory").isNotEmpty();
      assertThat(output()).contains("\"message\":\"SSO broker ready");

      broker.destroy();
      assertThat(broker.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits after SIGTERM").isTrue();
    } finally {
      broker.destroyForcibly();
    }

    assertThat(postgresProcessesOf(data)).as("no postgres process of that data directory").isEmpty();
    assertThat(broker.exitValue()).as("exit code after SIGTERM").isEqualTo(StopSignals.EXIT_STOPPED);
    assertThat(output()).contains("SSO broker stopped");
    for (int port : new int[] {kafkaPort, adminPort, httpPort}) {
      assertThat(isFree(port)).as("port %d released", port).isTrue();
    }
  }

  private static List<ProcessHandle> postgresProcessesOf(Path dataDirectory) {
    String directory = dataDirectory.toAbsolutePath().normalize().toString();
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
        .filter(process -> process.info().arguments()
            .map(arguments -> List.of(arguments).stream().anyMatch(argument -> argument.startsWith(directory)))
            .orElse(false))
        .toList();
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }
}
