package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.OidcLoginHarness.PendingLogin;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.testing.TestKafka;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real logins end up in the audit store: GET /admin/v1/audit on the admin port answers them as they were published,
 * an org admin sees its own org only, login outcomes are counted on /metrics and rendered as OCSF.
 */
class AuditStoreLoginIT {

  private static final String TOKEN = "platform-token-for-audit-store-tests-0123456789";
  private static final String OCSF_TOPIC = "sso.audit.ocsf.v1";

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static AdminClient platform;
  private static JsonObject aliceSucceeded;
  private static JsonObject aliceLogout;
  private static JsonObject nobodyFailed;

  @BeforeAll
  static void logInAndOut() throws Exception {
    TestIdp acme = environment.idp("/acme").client("acme-app", "acme-secret")
        .user("alice-sub", Map.of("email", "alice@acme.com", "name", "Alice"));
    TestIdp globex = environment.idp("/globex").client("globex-app", "globex-secret")
        .user("nobody-sub", Map.of("email", "nobody@globex.com"));
    environment.startBroker(work, """
        {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "acme-secret"}}],
         "globex": [{"kind": "oidc", "domains": ["globex.com"],
                     "parameters": {"discoveryEndpoint": "%s", "clientId": "globex-app", "clientSecret": "globex-secret"}}]}
        """.formatted(acme.discoveryUrl(), globex.discoveryUrl()),
        "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\"}\n", Map.of(),
        "--admin-token", TOKEN, "--audit-ocsf-enabled", "true");
    platform = new AdminClient(environment.broker().adminPort, TOKEN);
    OidcLoginHarness logins = environment.logins();

    PendingLogin alice = logins.begin("alice@acme.com");
    assertThat(logins.finish(alice).statusCode()).isEqualTo(302);
    assertThat(alice.browser().post(environment.broker().baseUrl + "/logout", Map.of(), "Accept", "application/json")
        .statusCode()).isEqualTo(204);
    PendingLogin nobody = logins.begin("nobody@globex.com");
    JsonObject rejected = logins.rejectedCallback(nobody, LoginFailureCategory.USER_NOT_ALLOWED, "unknown_user");

    aliceSucceeded = onTopic(event -> "login.succeeded".equals(event.getString("type")));
    aliceLogout = onTopic(event -> "logout".equals(event.getString("type")));
    nobodyFailed = rejected;
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static JsonObject onTopic(Predicate<JsonObject> filter) {
    List<JsonObject> found = environment.audit().await(filter, 1, Duration.ofSeconds(20));
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static JsonObject get(AdminClient admin, String pathAndQuery) throws Exception {
    HttpResponse<String> response = admin.call("GET", pathAndQuery, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  /** The store is fed asynchronously from the topic: wait until the query answers what it must. */
  private static JsonObject awaitAnswer(AdminClient admin, String pathAndQuery, Predicate<JsonObject> complete)
      throws Exception {
    Instant giveUp = Instant.now().plusSeconds(30);
    JsonObject answer = get(admin, pathAndQuery);
    while (!complete.test(answer) && Instant.now().isBefore(giveUp)) {
      Thread.sleep(200);
      answer = get(admin, pathAndQuery);
    }
    return answer;
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  @Test
  void aRealLoginIsReadBackAsPublishedNewestFirst() throws Exception {
    JsonObject acme = awaitAnswer(platform, "/admin/v1/audit?org=acme&type=login.*",
        page -> page.getJsonArray("items").size() == 2);

    assertThat(acme.getJsonArray("items").getJsonObject(0)).as("newest first").isEqualTo(aliceSucceeded);
    assertThat(acme.getJsonArray("items").getJsonObject(1).getString("type")).isEqualTo("login.started");

    JsonObject logout = awaitAnswer(platform, "/admin/v1/audit?org=acme&type=logout",
        page -> page.getJsonArray("items").size() == 1);
    assertThat(logout.getJsonArray("items").getJsonObject(0)).isEqualTo(aliceLogout);
    JsonObject failures = awaitAnswer(platform, "/admin/v1/audit?category=USER_NOT_ALLOWED",
        page -> page.getJsonArray("items").size() == 1);
    assertThat(failures.getJsonArray("items").getJsonObject(0)).isEqualTo(nobodyFailed);
  }

  @Test
  void pagesFollowTheCursor() throws Exception {
    JsonObject all = awaitAnswer(platform, "/admin/v1/audit?org=acme", page -> ids(page).contains(aliceLogout.getString("id")));
    List<String> paged = new java.util.ArrayList<>();
    String query = "/admin/v1/audit?org=acme&limit=2";
    JsonObject page = get(platform, query);
    paged.addAll(ids(page));
    while (page.getString("next") != null) {
      page = get(platform, query + "&cursor=" + page.getString("next"));
      paged.addAll(ids(page));
    }

    assertThat(ids(all)).startsWith(aliceLogout.getString("id"), aliceSucceeded.getString("id"));
    assertThat(paged).isEqualTo(ids(all));
  }

  @Test
  void anOrgAdminSeesItsOwnOrgOnlyAndAnotherOrgIsNotFound() throws Exception {
    awaitAnswer(platform, "/admin/v1/audit?type=logout", page -> page.getJsonArray("items").size() == 1);
    String token = new JsonObject(platform.call("POST", "/admin/v1/tokens",
        "{\"org\": \"globex\", \"name\": \"globex auditor\"}").body()).getString("token");
    AdminClient globexAdmin = new AdminClient(environment.broker().adminPort, token);

    JsonObject own = awaitAnswer(globexAdmin, "/admin/v1/audit", page -> page.getJsonArray("items").size() >= 2);
    assertThat(own.getJsonArray("items")).isNotEmpty().allSatisfy(item ->
        assertThat(((JsonObject) item).getString("org")).isEqualTo("globex"));
    assertThat(ids(own)).contains(nobodyFailed.getString("id")).doesNotContain(aliceSucceeded.getString("id"));

    HttpResponse<String> acme = globexAdmin.call("GET", "/admin/v1/audit?org=acme", null);
    assertThat(acme.statusCode()).isEqualTo(404);
    assertThat(acme.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(new JsonObject(acme.body()).getString("field")).isEqualTo("org");
    assertThat(acme.body()).doesNotContain("alice");
  }

  @Test
  void badParametersAreProblemsNamingTheField() throws Exception {
    HttpResponse<String> bad = platform.call("GET", "/admin/v1/audit?from=yesterday", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonObject problem = new JsonObject(bad.body());
    assertThat(problem.getString("field")).isEqualTo("from");
    assertThat(problem.getString("detail")).startsWith("from: not an RFC 3339 time");
    assertThat(platform.call("GET", "/admin/v1/audit?limit=5000", null).statusCode()).isEqualTo(400);
  }

  @Test
  void loginOutcomesAreCountedAndRenderedAsOcsf() throws Exception {
    awaitAnswer(platform, "/admin/v1/audit?type=login.*", page -> page.getJsonArray("items").size() == 4);
    // HTTP/1.1 and a bound on the whole exchange: the JDK client's h2c upgrade has left this body unfinished before
    HttpResponse<String> metrics = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.broker().adminPort
            + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
        .get(30, TimeUnit.SECONDS);
    assertThat(metrics.body())
        .containsPattern("sso_login_events_total\\{[^}]*category=\"none\"[^}]*type=\"login.succeeded\"[^}]*} 1\\.0")
        .containsPattern("sso_login_events_total\\{[^}]*category=\"USER_NOT_ALLOWED\"[^}]*type=\"login.failed\"[^}]*} 1\\.0")
        .contains("sso_audit_store_lag_seconds");

    List<ConsumerRecord<String, String>> ocsf = TestKafka.readAll(environment.broker().kafkaBootstrapServers(),
        OCSF_TOPIC, 3, Duration.ofSeconds(20));
    assertThat(ocsf.stream().map(record -> new JsonObject(record.value()).getJsonObject("metadata").getString("uid")))
        .containsExactlyInAnyOrder(aliceSucceeded.getString("id"), aliceLogout.getString("id"),
            nobodyFailed.getString("id"));
    JsonObject logon = ocsf.stream().map(record -> new JsonObject(record.value()))
        .filter(event -> event.getJsonObject("metadata").getString("uid").equals(aliceSucceeded.getString("id")))
        .findFirst().orElseThrow();
    assertThat(logon.getInteger("class_uid")).isEqualTo(3002);
    assertThat(logon.getJsonObject("user").getString("email_addr")).isEqualTo("alice@acme.com");
    assertThat(UUID.fromString(logon.getJsonObject("user").getString("uid"))).isNotNull();
  }
}
