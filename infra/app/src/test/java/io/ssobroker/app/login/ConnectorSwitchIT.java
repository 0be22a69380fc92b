package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dated activation replaces the active connector while logins keep running: none of them fails. */
class ConnectorSwitchIT {

  private static final String TOKEN = "platform-token-for-switch-tests-0123456789";
  private static final String EMAIL = "user@switch.example.com";

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static TestIdp oldIdp;
  private static TestIdp newIdp;

  @BeforeAll
  static void start() throws Exception {
    oldIdp = environment.idp("/old").client("old-app", "old-secret").user("u", Map.of("email", EMAIL));
    newIdp = environment.idp("/new").client("new-app", "new-secret").user("u", Map.of("email", EMAIL));
    environment.startBroker(work, "{}", "{\"email\": \"" + EMAIL + "\", \"name\": \"U\", \"org\": \"switch\"}\n"
        + "{\"email\": \"tester@trial.example.com\", \"name\": \"T\", \"org\": \"trial\"}\n"
        + "{\"email\": \"other@trial.example.com\", \"name\": \"O\", \"org\": \"trial\"}\n",
        // logins run back to back for five seconds across the switch: more than the default limit of starts
        Map.of(), "--admin-token", TOKEN, "--login-rate-limit", "0");
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static JsonObject admin(String method, String path, String body) throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + environment.broker().adminPort + path)).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
    return answer.body().isEmpty() ? new JsonObject() : new JsonObject(answer.body());
  }

  private static String connector(TestIdp idp, String client) throws Exception {
    return admin("POST", "/admin/v1/orgs/switch/connectors", """
        {"kind": "oidc", "domains": ["switch.example.com"],
         "parameters": {"discoveryEndpoint": "%s", "clientId": "%s", "clientSecret": "%s"}}
        """.formatted(idp.discoveryUrl(), client, client.replace("app", "secret"))).getString("id");
  }

  @Test
  void loginsRunningAcrossAScheduledSwitchNeverFail() throws Exception {
    admin("POST", "/admin/v1/orgs", "{\"slug\": \"switch\", \"name\": \"Switch\"}");
    try (var sql = new AutoCloseableSql()) {
      sql.run("insert into registry.domains (domain, org_slug, verification_token, verified_at, source) "
          + "values ('switch.example.com', 'switch', 't', now(), 'api')");
    }
    String oldConnector = connector(oldIdp, "old-app");
    assertThat(admin("POST", "/admin/v1/orgs/switch/connectors/" + oldConnector + "/activate", null).getString("state"))
        .isEqualTo("active");
    String newConnector = connector(newIdp, "new-app");
    Thread.sleep(1_100);
    OidcLoginHarness logins = environment.logins();
    logins.logInSuccessfully(EMAIL);
    assertThat(oldIdp.tokenRequestCount()).isEqualTo(1);

    Instant switchAt = Instant.now().plusSeconds(2);
    assertThat(admin("POST", "/admin/v1/orgs/switch/connectors/" + newConnector + "/activate",
        "{\"at\": \"" + switchAt + "\"}").getString("state")).isEqualTo("scheduled");
    List<String> failures = new ArrayList<>();
    int completed = 0;
    while (Instant.now().isBefore(switchAt.plusSeconds(3))) {
      try {
        logins.logInSuccessfully(EMAIL);
        completed++;
      } catch (AssertionError | Exception failure) {
        failures.add(failure.getMessage());
      }
    }

    assertThat(failures).isEmpty();
    assertThat(completed).isGreaterThan(20);
    assertThat(oldIdp.tokenRequestCount()).as("logins before the switch").isGreaterThan(1);
    assertThat(newIdp.tokenRequestCount()).as("logins after the switch").isPositive();
    JsonObject retired = admin("GET", "/admin/v1/orgs/switch/connectors/" + oldConnector, null);
    assertThat(retired.getString("state")).isEqualTo("retired");
    assertThat(admin("GET", "/admin/v1/orgs/switch/connectors/" + newConnector, null).getString("state"))
        .isEqualTo("active");
    assertThat(environment.audit().await(event -> "connector.activated".equals(event.getString("type"))
        && newConnector.equals(event.getString("connectorId")), 1, Duration.ofSeconds(20))).hasSize(1);
  }

  @Test
  void theEdgeSeesAChangeWithinOneSecond() throws Exception {
    admin("POST", "/admin/v1/orgs", "{\"slug\": \"fresh\", \"name\": \"Fresh\"}");
    try (var sql = new AutoCloseableSql()) {
      sql.run("insert into registry.domains (domain, org_slug, verification_token, verified_at, source) "
          + "values ('fresh.example.com', 'fresh', 't', now(), 'api')");
    }
    String connector = admin("POST", "/admin/v1/orgs/fresh/connectors", """
        {"kind": "oidc", "domains": ["fresh.example.com"],
         "parameters": {"discoveryEndpoint": "%s", "clientId": "new-app", "clientSecret": "new-secret"}}
        """.formatted(newIdp.discoveryUrl())).getString("id");
    String discover = environment.broker().baseUrl + "/login?email=someone@fresh.example.com";
    assertThat(new TestBrowser().get(discover, "Accept", "application/json").body())
        .as("the edge has just cached: no SSO for this domain").isEqualTo("{\"sso\":false}");

    admin("POST", "/admin/v1/orgs/fresh/connectors/" + connector + "/activate", null);
    Instant activated = Instant.now();
    int status = 0;
    while (status != 302 && Instant.now().isBefore(activated.plusSeconds(1))) {
      status = new TestBrowser().get(discover).statusCode();
    }

    assertThat(status).as("routed to the new connector within one second").isEqualTo(302);
  }

  @Test
  void aTestingConnectorServesOnlyItsTestersAndOnlyThroughTheTestApp() throws Exception {
    admin("POST", "/admin/v1/orgs", "{\"slug\": \"trial\", \"name\": \"Trial\"}");
    try (var sql = new AutoCloseableSql()) {
      sql.run("insert into registry.domains (domain, org_slug, verification_token, verified_at, source) "
          + "values ('trial.example.com', 'trial', 't', now(), 'api')");
    }
    String active = admin("POST", "/admin/v1/orgs/trial/connectors", """
        {"kind": "oidc", "domains": ["trial.example.com"],
         "parameters": {"discoveryEndpoint": "%s", "clientId": "old-app", "clientSecret": "old-secret"}}
        """.formatted(oldIdp.discoveryUrl())).getString("id");
    admin("POST", "/admin/v1/orgs/trial/connectors/" + active + "/activate", null);
    String trial = admin("POST", "/admin/v1/orgs/trial/connectors", """
        {"kind": "oidc", "domains": ["trial.example.com"],
         "parameters": {"discoveryEndpoint": "%s", "clientId": "new-app", "clientSecret": "new-secret"}}
        """.formatted(newIdp.discoveryUrl())).getString("id");
    assertThat(admin("POST", "/admin/v1/orgs/trial/connectors/" + trial + "/test",
        "{\"testers\": [\"Tester@Trial.example.com\"]}").getString("state")).isEqualTo("testing");
    OidcLoginHarness logins = environment.logins();

    newIdp.user("t", Map.of("email", "tester@trial.example.com"));
    var testerLogin = logins.begin(new TestBrowser(), "/login?email=tester@trial.example.com&return_to=/test-app");
    assertThat(testerLogin.authorizationUrl()).startsWith(newIdp.issuer());
    assertThat(logins.finish(testerLogin).statusCode()).isEqualTo(302);

    assertThat(logins.begin(new TestBrowser(), "/login?email=tester@trial.example.com").authorizationUrl())
        .as("outside the test app, the active connector").startsWith(oldIdp.issuer());
    assertThat(logins.begin(new TestBrowser(), "/login?email=other@trial.example.com&return_to=/test-app")
        .authorizationUrl()).as("not a tester: the active connector").startsWith(oldIdp.issuer());

    newIdp.user("o", Map.of("email", "other@trial.example.com"));
    logins.rejectedCallback(logins.begin(new TestBrowser(), "/login?email=tester@trial.example.com&return_to=/test-app"),
        io.ssobroker.platform.audit.LoginFailureCategory.USER_NOT_ALLOWED, "not_a_tester");
    newIdp.user("u", Map.of("email", EMAIL));
  }

  /** Direct SQL for a verified domain (verification itself is tested in DomainVerificationIT). */
  private static final class AutoCloseableSql implements AutoCloseable {
    private final io.vertx.sqlclient.Pool pool = io.ssobroker.platform.db.PgPools.create(environment.vertx(),
        environment.broker().broker().serviceContext().database(), "test", 1);

    void run(String statement) {
      io.ssobroker.platform.testing.Await.result(pool.query(statement).execute());
    }

    @Override
    public void close() {
      io.ssobroker.platform.testing.Await.result(pool.close());
    }
  }
}
