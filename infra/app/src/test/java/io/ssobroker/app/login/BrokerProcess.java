package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;

/** The broker's runnable jar as a separate process, as an operator runs it; stopped with SIGTERM. */
public final class BrokerProcess implements AutoCloseable {

  private static final Path JAR = Path.of(System.getProperty("sso.broker.jar", "target/sso-broker.jar"));

  private final Path log;
  private final int adminPort;
  private Process process;

  private BrokerProcess(Path log, int adminPort, Process process) {
    this.log = log;
    this.adminPort = adminPort;
    this.process = process;
  }

  /** Starts the jar with these flags and waits until its admin port answers {@code /health/live}. */
  public static BrokerProcess start(Path log, int adminPort, List<String> flags) throws Exception {
    assertThat(JAR).as("the runnable jar built by the package phase").isRegularFile();
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-jar", JAR.toString()));
    command.addAll(flags);
    command.addAll(List.of("--admin-port", String.valueOf(adminPort)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("SSO_"));
    builder.environment().put("SSO_LOG_FORMAT", "json");
    BrokerProcess broker = new BrokerProcess(log, adminPort, builder.start());
    try {
      broker.awaitLive();
    } catch (Exception | AssertionError notStarted) {
      broker.close();
      throw notStarted;
    }
    return broker;
  }

  /** What the process has written so far, standard output and error together. */
  public String output() throws IOException {
    return Files.readString(log);
  }

  /** SIGTERM, then waits for the process to end. */
  public void stop() throws InterruptedException {
    signalStop();
    awaitExit();
  }

  /** SIGTERM, without waiting. */
  void signalStop() {
    process.destroy();
  }

  /** Waits for the process to end after {@link #signalStop()}; its exit code. */
  int awaitExit() throws InterruptedException {
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the broker stops on SIGTERM").isTrue();
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private void awaitLive() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant giveUp = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(giveUp)) {
      if (!process.isAlive()) {
        throw new AssertionError("the broker exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
            + "/health/live")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (live.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the broker did not start:\n" + Files.readString(log));
  }
}
