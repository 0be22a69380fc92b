package io.ssobroker.bench;

import io.ssobroker.edge.testidp.SigningKey;
import io.ssobroker.edge.testidp.TestIdp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Complete logins against the all-in-one broker, started from its jar as a separate process, with a local OpenID
 * Provider in this process: {@code GET /login?email} -> the IdP's authorization endpoint -> {@code GET /login/callback}
 * (code exchange, ID token, directory, session) -> {@code GET /session}. Either as fast as it goes with a fixed number
 * of concurrent browsers ({@code --rate 0}), or at a fixed rate, measuring each login from the moment it was due so
 * that a slow answer cannot hide queueing (no coordinated omission).
 *
 * <pre>java -jar bench/target/sso-bench.jar [--rate 0|N] [--concurrency 64] [--duration 30] [--warmup 10]</pre>
 */
public final class LoginBenchmark {

  private static final String EMAIL = "user@bench.example.com";

  private final Settings settings;
  private final Vertx vertx = Vertx.vertx();
  private HttpClient client;
  private final Recorder latencies = new Recorder(3);
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong firstFailureLogged = new AtomicLong();

  record Settings(int rate, int concurrency, int durationSeconds, int warmupSeconds, Path jar) {
    static Settings parse(String[] args) {
      Map<String, String> values = new java.util.HashMap<>(Map.of("--rate", "0", "--concurrency", "64",
          "--duration", "30", "--warmup", "10", "--jar", "infra/app/target/sso-broker.jar"));
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!values.containsKey(args[i])) {
          throw new IllegalArgumentException("unknown option " + args[i]);
        }
        values.put(args[i], args[i + 1]);
      }
      return new Settings(Integer.parseInt(values.get("--rate")), Integer.parseInt(values.get("--concurrency")),
          Integer.parseInt(values.get("--duration")), Integer.parseInt(values.get("--warmup")),
          Path.of(values.get("--jar")));
    }
  }

  private LoginBenchmark(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    new LoginBenchmark(Settings.parse(args)).run();
    System.exit(0);
  }

  private void run() throws Exception {
    TestIdp idp = TestIdp.start(vertx, "/bench").client("bench-app", "bench-secret")
        .user("bench-subject", Map.of("email", EMAIL, "name", "Bench User"));
    idp.rotateKey(SigningKey.rsa("bench-rs256"));
    Path work = Files.createTempDirectory("sso-bench");
    int httpPort = freePort();
    int adminPort = freePort();
    Process broker = startBroker(work, idp, httpPort, adminPort);
    try {
      awaitReady(adminPort, broker);
      client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxRedirects(0),
          new PoolOptions().setHttp1MaxSize(Math.max(settings.concurrency(), 64) * 2));
      String base = "http://127.0.0.1:" + httpPort;
      report("warm-up", closedLoop(base, settings.warmupSeconds()));
      Histogram measured = settings.rate() > 0
          ? openLoop(base, settings.rate(), settings.durationSeconds())
          : closedLoop(base, settings.durationSeconds());
      report(settings.rate() > 0 ? "fixed rate " + settings.rate() + "/s" : "closed loop, " + settings.concurrency()
          + " concurrent browsers", measured);
    } finally {
      broker.destroy();
      broker.waitFor(60, TimeUnit.SECONDS);
      idp.close();
    }
  }

  private Histogram closedLoop(String base, int seconds) throws InterruptedException {
    resetCounters();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(settings.concurrency());
    Instant began = Instant.now();
    for (int i = 0; i < settings.concurrency(); i++) {
      vertx.runOnContext(start -> browserLoop(base, running, done));
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    done.await(30, TimeUnit.SECONDS);
    lastElapsed = Duration.between(began, Instant.now());
    return latencies.getIntervalHistogram();
  }

  private void browserLoop(String base, AtomicBoolean running, CountDownLatch done) {
    if (!running.get()) {
      done.countDown();
      return;
    }
    long began = System.nanoTime();
    login(base).onComplete(result -> {
      record(result.succeeded(), began, result.cause());
      browserLoop(base, running, done);
    });
  }

  private Histogram openLoop(String base, int rate, int seconds) throws InterruptedException {
    resetCounters();
    long intervalNanos = 1_000_000_000L / rate;
    long total = (long) rate * seconds;
    CountDownLatch done = new CountDownLatch((int) total);
    long start = System.nanoTime();
    Instant began = Instant.now();
    AtomicLong scheduled = new AtomicLong();
    vertx.setPeriodic(1, tick -> {
      long due = (System.nanoTime() - start) / intervalNanos;
      while (scheduled.get() < Math.min(due, total)) {
        long intended = start + scheduled.getAndIncrement() * intervalNanos;
        login(base).onComplete(result -> {
          record(result.succeeded(), intended, result.cause());
          done.countDown();
        });
      }
      if (scheduled.get() >= total) {
        vertx.cancelTimer(tick);
      }
    });
    done.await(seconds + 60L, TimeUnit.SECONDS);
    lastElapsed = Duration.between(began, Instant.now());
    return latencies.getIntervalHistogram();
  }

  private Duration lastElapsed = Duration.ZERO;

  /** One browser's complete login; fails on any unexpected answer. */
  private Future<Void> login(String base) {
    return get(base + "/login?email=" + EMAIL, null).compose(start -> {
      expect(start, 302);
      String browserCookie = cookie(start, "sso_browser");
      return get(start.getHeader("Location"), null).compose(idpAnswer -> {
        expect(idpAnswer, 302);
        return get(idpAnswer.getHeader("Location"), "sso_browser=" + browserCookie);
      });
    }).compose(callback -> {
      expect(callback, 302);
      return get(base + "/session", "sso_session=" + cookie(callback, "sso_session"));
    }).map(session -> {
      expect(session, 200);
      return null;
    });
  }

  private Future<HttpClientResponse> get(String url, String cookie) {
    RequestOptions options = new RequestOptions().setAbsoluteURI(url).setMethod(HttpMethod.GET).setTimeout(30_000);
    if (cookie != null) {
      options.putHeader("Cookie", cookie);
    }
    return client.request(options).compose(request -> request.send())
        .compose(response -> response.body().map(body -> response));
  }

  private static void expect(HttpClientResponse response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("expected " + status + ", got " + response.statusCode());
    }
  }

  private static String cookie(HttpClientResponse response, String name) {
    for (String header : response.cookies()) {
      if (header.startsWith(name + "=")) {
        return header.substring(name.length() + 1, header.indexOf(';') > 0 ? header.indexOf(';') : header.length());
      }
    }
    throw new IllegalStateException("no " + name + " cookie");
  }

  private void record(boolean succeeded, long beganNanos, Throwable failure) {
    if (succeeded) {
      completed.incrementAndGet();
      latencies.recordValue(Math.max(1, (System.nanoTime() - beganNanos) / 1_000));
    } else {
      failed.incrementAndGet();
      if (firstFailureLogged.getAndIncrement() < 3) {
        System.err.println("login failed: " + failure);
      }
    }
  }

  private void resetCounters() {
    completed.set(0);
    failed.set(0);
    latencies.getIntervalHistogram();
  }

  private void report(String phase, Histogram histogram) {
    double seconds = lastElapsed.toMillis() / 1000.0;
    System.out.printf("%s: %d logins in %.1f s = %.0f logins/s, %d failed; latency ms p50 %.1f, p90 %.1f, p99 %.1f, "
            + "p99.9 %.1f, max %.1f%n", phase, completed.get(), seconds, completed.get() / seconds, failed.get(),
        histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
        histogram.getMaxValue() / 1000.0);
  }

  private Process startBroker(Path work, TestIdp idp, int httpPort, int adminPort) throws IOException {
    Path connectors = Files.writeString(work.resolve("connectors.json"), """
        {"bench": [{"kind": "oidc", "domains": ["bench.example.com"],
                    "parameters": {"discoveryEndpoint": "%s", "clientId": "bench-app", "clientSecret": "bench-secret"}}]}
        """.formatted(idp.discoveryUrl()));
    Path users = Files.writeString(work.resolve("users.jsonl"),
        "{\"email\": \"" + EMAIL + "\", \"name\": \"Bench User\", \"org\": \"bench\"}\n");
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    String jvmOptions = System.getenv().getOrDefault("BENCH_BROKER_JAVA_OPTS", "").trim();
    if (!jvmOptions.isEmpty()) {
      command.addAll(List.of(jvmOptions.split("\\s+")));
    }
    command.addAll(List.of("-jar", settings.jar().toString(),
        "--data-dir", work.resolve("data").toString(),
        "--http-port", String.valueOf(httpPort), "--admin-port", String.valueOf(adminPort),
        "--kafka-port", String.valueOf(freePort()),
        "--public-base-url", "http://127.0.0.1:" + httpPort,
        "--connectors-file", connectors.toString(), "--users-file", users.toString(),
        "--login-rate-limit", "0"));
    if (!jvmOptions.isEmpty()) {
      System.out.println("broker JVM options: " + jvmOptions);
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("broker.log").toFile());
    builder.environment().put("SSO_LOG_FORMAT", "json");
    System.out.println("broker log: " + work.resolve("broker.log"));
    return builder.start();
  }

  private static void awaitReady(int adminPort, Process broker) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    Instant giveUp = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(giveUp)) {
      if (!broker.isAlive()) {
        throw new IllegalStateException("the broker exited with " + broker.exitValue());
      }
      try {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + adminPort + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
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
