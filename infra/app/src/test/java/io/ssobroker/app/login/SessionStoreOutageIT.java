package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.SESSION_CREATION_FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.OidcLoginHarness.PendingLogin;
import io.ssobroker.edge.testidp.TestIdp;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL stops while a login is at the IdP: the login fails cleanly and its failure still reaches Kafka. */
class SessionStoreOutageIT {

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static TestIdp idp;

  @BeforeAll
  static void start() throws Exception {
    idp = environment.idp("/outage").client("acme-app", "acme-secret")
        .user("alice-sub", Map.of("email", "alice@acme.com"));
    environment.startBroker(work, """
        {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "acme-secret"}}]}
        """.formatted(idp.discoveryUrl()), "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\"}\n", Map.of());
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  @Test
  void postgresStoppedBeforeSessionCreationFailsTheLoginAndItsEventStillReachesKafka() throws Exception {
    OidcLoginHarness logins = environment.logins();
    AuditTopicReader audit = environment.audit();
    PendingLogin login = logins.begin("alice@acme.com");
    idp.tokenDelay(Duration.ofSeconds(3));
    CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return logins.finish(login);
      } catch (Exception failure) {
        throw new IllegalStateException(failure);
      }
    });
    Thread.sleep(500);
    stopPostgres(work.resolve("data/postgres"));

    HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(SESSION_CREATION_FAILED.httpStatus());
    JsonObject error = new JsonObject(response.body());
    assertThat(error.getString("error")).isEqualTo(SESSION_CREATION_FAILED.code());
    assertThat(response.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("sso_session="));
    JsonObject event = audit.event(error.getString("reference"));
    assertThat(event.getString("type")).isEqualTo("login.failed");
    assertThat(event.getString("category")).isEqualTo(SESSION_CREATION_FAILED.code());
    assertThat(event.getString("email")).isEqualTo("alice@acme.com");
  }

  /** A fast shutdown (SIGINT to the postmaster): clients are disconnected and the server stops. */
  static void stopPostgres(Path dataDirectory) throws Exception {
    String directory = dataDirectory.toAbsolutePath().normalize().toString();
    ProcessHandle postmaster = ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(directory)).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no postmaster on " + directory));
    Process signal = new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).inheritIO().start();
    assertThat(signal.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(postmaster.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
  }
}
