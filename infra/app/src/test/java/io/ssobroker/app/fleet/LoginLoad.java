package io.ssobroker.app.fleet;

import io.ssobroker.app.login.TestBrowser;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Complete logins through the load balancer, from several browsers at once, each recorded with how it ended. */
final class LoginLoad {

  /**
   * One login: its callback's correlation id (which the login's outcome event carries), whether it reached the test
   * application, and whether a broker (not the load balancer) gave the answer that ended it.
   */
  record Attempt(String correlationId, boolean succeeded, boolean answeredByBroker, String detail, String callbackEdge) {}

  private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService browsers;

  private LoginLoad(String baseUrl, int concurrency) {
    browsers = Executors.newFixedThreadPool(concurrency);
    for (int i = 0; i < concurrency; i++) {
      browsers.submit(() -> {
        while (running.get()) {
          attempts.add(once(baseUrl));
        }
        return null;
      });
    }
  }

  static LoginLoad start(String baseUrl, int concurrency) {
    return new LoginLoad(baseUrl, concurrency);
  }

  static Attempt once(String baseUrl) {
    String correlationId = "fleet-login-" + UUID.randomUUID();
    TestBrowser browser = TestBrowser.overHttp11();
    try {
      HttpResponse<String> start = browser.get(baseUrl + "/login?email=alice@acme.com", "X-Correlation-Id",
          correlationId);
      if (start.statusCode() != 302) {
        String servedBy = start.headers().firstValue("X-Served-By").orElse(null);
        return new Attempt(correlationId, false, servedBy != null, "start " + start.statusCode() + ": "
            + excerpt(start.body()), servedBy);
      }
      HttpResponse<String> atIdp = browser.get(TestBrowser.location(start));
      HttpResponse<String> callback = browser.get(atIdp.uri().resolve(TestBrowser.location(atIdp)).toString(),
          "X-Correlation-Id", correlationId);
      boolean byBroker = callback.headers().firstValue("X-Served-By").isPresent()
          && callback.headers().firstValue("X-Correlation-Id").isPresent();
      boolean succeeded = callback.statusCode() == 302 && TestBrowser.location(callback).endsWith("/test-app");
      return new Attempt(correlationId, succeeded, byBroker, "callback " + callback.statusCode(),
          callback.headers().firstValue("X-Served-By").orElse(null));
    } catch (IOException | InterruptedException | RuntimeException failure) {
      return new Attempt(correlationId, false, false, failure.toString(), null);
    }
  }

  private static String excerpt(String body) {
    String text = body == null ? "" : body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    return text.length() > 160 ? text.substring(0, 160) : text;
  }

  int succeeded() {
    synchronized (attempts) {
      return (int) attempts.stream().filter(Attempt::succeeded).count();
    }
  }

  /** Whether a login's callback has been answered by this edge (HAProxy's server name). */
  boolean servedBy(String edge) {
    synchronized (attempts) {
      return attempts.stream().anyMatch(attempt -> edge.equals(attempt.callbackEdge()));
    }
  }

  int finished() {
    return attempts.size();
  }

  void awaitSucceeded(int count, Duration timeout) throws InterruptedException {
    Instant giveUp = Instant.now().plus(timeout);
    while (succeeded() < count) {
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError("only " + succeeded() + " of " + count + " logins succeeded within " + timeout
            + "; last attempts " + lastAttempts());
      }
      Thread.sleep(50);
    }
  }

  private List<Attempt> lastAttempts() {
    synchronized (attempts) {
      return List.copyOf(attempts.subList(Math.max(0, attempts.size() - 5), attempts.size()));
    }
  }

  /** Lets the logins under way finish; all attempts in the order they ended. */
  List<Attempt> stop() throws InterruptedException {
    running.set(false);
    browsers.shutdown();
    browsers.awaitTermination(60, TimeUnit.SECONDS);
    synchronized (attempts) {
      return List.copyOf(attempts);
    }
  }
}
