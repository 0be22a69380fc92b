package io.ssobroker.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One broker process of a fleet, started from the runnable jar as an operator starts it. */
final class FleetNode implements AutoCloseable {

  private static final Path JAR = Path.of(System.getProperty("sso.broker.jar", "target/sso-broker.jar"));
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int httpPort;
  final int adminPort;
  final Path log;
  private final List<String> command;
  private final Map<String, String> environment;
  private Process process;

  private FleetNode(String name, int httpPort, int adminPort, Path log, List<String> command,
      Map<String, String> environment) {
    this.name = name;
    this.httpPort = httpPort;
    this.adminPort = adminPort;
    this.log = log;
    this.command = command;
    this.environment = environment;
  }

  static FleetNode create(String name, Path log, int httpPort, int adminPort, List<String> flags,
      Map<String, String> environment) {
    assertThat(JAR).as("the runnable jar built by the package phase").isRegularFile();
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xmx512m", "-XX:+UseSerialGC", "-jar", JAR.toString()));
    command.addAll(flags);
    command.addAll(List.of("--http-port", String.valueOf(httpPort), "--admin-port", String.valueOf(adminPort)));
    return new FleetNode(name, httpPort, adminPort, log, List.copyOf(command), Map.copyOf(environment));
  }

  /** Starts the process (again, after a stop) and waits until its admin port answers {@code /health/live}. */
  FleetNode start() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(variable -> variable.startsWith("SSO_"));
    builder.environment().putAll(environment);
    process = builder.start();
    Instant giveUp = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(giveUp)) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      if (status("/health/live") == 200) {
        return this;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not start:\n" + Files.readString(log));
  }

  /** Starts the process and waits for it to exit on its own: for a node that must refuse to start. */
  int startExpectingExit() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(variable -> variable.startsWith("SSO_"));
    builder.environment().putAll(environment);
    process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s exits on its own:\n%s", name, Files.readString(log))
        .isTrue();
    return process.exitValue();
  }

  /** {@code /health/ready}'s body once it answers 200, failing with the last answer after the timeout. */
  JsonObject awaitReady(Duration timeout) throws Exception {
    Instant giveUp = Instant.now().plus(timeout);
    String last = "(no answer)";
    while (Instant.now().isBefore(giveUp)) {
      try {
        HttpResponse<String> ready = get("/health/ready");
        last = ready.body();
        if (ready.statusCode() == 200) {
          return new JsonObject(ready.body());
        }
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " not ready after " + timeout + ": " + last);
  }

  HttpResponse<String> get(String adminPath) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + adminPath))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private int status(String adminPath) throws InterruptedException {
    try {
      return get(adminPath).statusCode();
    } catch (IOException notYet) {
      return -1;
    }
  }

  String output() throws IOException {
    return Files.readString(log);
  }

  /** kill -9: no shutdown hook, no goodbye to the fleet. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** SIGTERM, and waits for the process to end. */
  void stop() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("%s stops on SIGTERM", name).isTrue();
  }

  /** The running process, for what /proc counts of it. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
