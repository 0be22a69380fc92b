package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a login callback waits for the IdP, against the all-in-one jar (embedded PostgreSQL and Kafka): the
 * public port takes no new connection, the callback still completes with its session, PostgreSQL and Kafka stay up
 * until it has, and the process exits 0. After a restart the session is there and its event on the topic.
 */
class GracefulStopIT {

  private static final String EMAIL = "ada@acme.example";
  private static final Duration TOKEN_DELAY = Duration.ofSeconds(3);

  @TempDir
  Path work;

  @Test
  void aLoginInFlightAtSigtermCompletesAndItsSessionAndEventSurviveTheRestart() throws Exception {
    Vertx vertx = Vertx.vertx();
    TestIdp idp = TestIdp.start(vertx, "/idp").client("acme-app", "acme-secret")
        .user("subject-ada", Map.of("email", EMAIL));
    int httpPort = FreePorts.next();
    int adminPort = FreePorts.next();
    int kafkaPort = FreePorts.next();
    String base = "http://127.0.0.1:" + httpPort;
    List<String> flags = flags(idp, httpPort, kafkaPort);
    Path log = work.resolve("broker.log");
    BrokerProcess broker = BrokerProcess.start(log, adminPort, flags);
    try {
      TestBrowser browser = TestBrowser.overHttp11();
      HttpResponse<String> start = browser.get(base + "/login?email=" + EMAIL);
      assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
      HttpResponse<String> idpAnswer = browser.get(TestBrowser.location(start));
      idp.tokenDelay(TOKEN_DELAY);
      CompletableFuture<HttpResponse<String>> callback = CompletableFuture.supplyAsync(() -> {
        try {
          return browser.get(TestBrowser.location(idpAnswer));
        } catch (IOException | InterruptedException failed) {
          throw new IllegalStateException(failed);
        }
      });
      awaitTokenRequest(idp);

      broker.signalStop();
      awaitRefused(httpPort);
      assertThat(callback).as("the callback still waits for the IdP when the port closes").isNotDone();

      HttpResponse<String> answer = callback.get(30, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
      assertThat(browser.cookie("sso_session")).as("the session cookie").isPresent();
      assertThat(broker.awaitExit()).as("exit code after a clean stop").isZero();
      String stopped = Files.readString(log);
      assertThat(stopped).contains("SSO broker stopped")
          .doesNotContain("terminating connection due to administrator command")
          .doesNotContain("PostgreSQL failed")
          .doesNotContain("did not stop cleanly");

      idp.tokenDelay(Duration.ZERO);
      broker = BrokerProcess.start(log, adminPort, flags);
      HttpResponse<String> session = browser.get(base + "/session", "Accept", "application/json");
      assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
      assertThat(new JsonObject(session.body()).encode()).contains(EMAIL);
      try (AuditTopicReader topic = new AuditTopicReader("127.0.0.1:" + kafkaPort, "sso.audit.v1")) {
        assertThat(topic.await(event -> "login.succeeded".equals(event.getString("type"))
            && "subject-ada".equals(event.getString("subject")), 1, Duration.ofSeconds(60)))
            .as("the login's event on the topic").hasSize(1);
      }
    } finally {
      broker.close();
      idp.close();
      Await.result(vertx.close());
    }
  }

  private List<String> flags(TestIdp idp, int httpPort, int kafkaPort) throws IOException {
    Path connectors = Files.writeString(work.resolve("connectors.json"), """
        {"acme": [{"kind": "oidc", "domains": ["acme.example"],
                   "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "acme-secret"}}]}
        """.formatted(idp.discoveryUrl()));
    Path users = Files.writeString(work.resolve("users.jsonl"),
        new JsonObject().put("email", EMAIL).put("org", "acme").encode() + "\n");
    return List.of("--data-dir", work.resolve("data").toString(),
        "--http-port", String.valueOf(httpPort),
        "--public-base-url", "http://127.0.0.1:" + httpPort,
        "--kafka-port", String.valueOf(kafkaPort),
        "--connectors-file", connectors.toString(),
        "--users-file", users.toString(),
        "--idp-timeout", "PT10S");
  }

  private static void awaitTokenRequest(TestIdp idp) throws InterruptedException {
    Instant giveUp = Instant.now().plusSeconds(10);
    while (idp.tokenRequestCount() == 0) {
      assertThat(Instant.now()).as("the broker calls the token endpoint").isBefore(giveUp);
      Thread.sleep(20);
    }
  }

  /** Waits until the public port refuses a new connection. */
  private static void awaitRefused(int port) throws InterruptedException {
    Instant giveUp = Instant.now().plus(TOKEN_DELAY);
    while (Instant.now().isBefore(giveUp)) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      } catch (IOException refused) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the public port still takes connections after SIGTERM");
  }
}
