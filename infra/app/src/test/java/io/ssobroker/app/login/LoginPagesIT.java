package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.STATE_INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.OidcLoginHarness.PendingLogin;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages and session endpoints of the public port (SPEC section 5), and a state forged past its lifetime. */
class LoginPagesIT {

  @TempDir
  static Path work;

  /** How long the edge keeps the registry's answers when no change notice comes (a row changed behind its back). */
  private static final Duration REGISTRY_CACHE_FRESHNESS = Duration.ofSeconds(1);
  private static final MovableClock clock = new MovableClock(Instant.now());
  private static final LoginTestEnvironment environment = new LoginTestEnvironment().withClock(clock);
  private static Vertx vertx;
  private static TestIdp idp;
  private static LoginBroker broker;
  private static AuditTopicReader audit;
  private static OidcLoginHarness logins;

  @BeforeAll
  static void start() throws Exception {
    vertx = environment.vertx();
    idp = environment.idp("/pages").client("acme-app", "acme-secret")
        .user("alice-sub", Map.of("email", "alice@acme.com", "name", "Alice Doe"));
    idp.client("initech-app", "initech-secret");
    String connectors = """
        {"acme": [{"kind": "oidc", "displayName": "Acme Corporate Login", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%1$s", "clientId": "acme-app", "clientSecret": "acme-secret"}}],
         "initech": [{"kind": "oidc", "domains": ["initech.com"],
                   "parameters": {"discoveryEndpoint": "%1$s", "clientId": "initech-app", "clientSecret": "initech-secret"}}]}
        """.formatted(idp.discoveryUrl());
    environment.startBroker(work, connectors,
        "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\"}\n"
            + "{\"email\": \"ian@initech.com\", \"name\": \"Ian\", \"org\": \"initech\"}\n", Map.of(),
        "--login-rate-limit", "50");
    broker = environment.broker();
    audit = environment.audit();
    logins = environment.logins();
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  @Test
  void loginPageAsksForAnEmailAndCarriesReturnTo() throws Exception {
    HttpResponse<String> page = new TestBrowser().get(broker.baseUrl + "/login?return_to=/test-app");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\" action=\"/login\">").contains("name=\"email\"")
        .contains("name=\"return_to\" value=\"/test-app\"");
  }

  @Test
  void postedEmailOfAnSsoDomainRedirectsToTheIdpWithALoginHint() throws Exception {
    HttpResponse<String> answer = new TestBrowser().post(broker.baseUrl + "/login", Map.of("email", "Alice@ACME.com"));

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(TestBrowser.location(answer)).startsWith(idp.issuer() + "/authorize?").contains("login_hint=alice%40acme.com");
  }

  @Test
  void domainWithoutSsoSaysSoAsAPageOrJson() throws Exception {
    HttpResponse<String> page = new TestBrowser().get(broker.baseUrl + "/login?email=someone@example.org");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Single sign-on is not enabled").contains("example.org");

    HttpResponse<String> json = new TestBrowser().get(broker.baseUrl + "/login?email=someone@example.org",
        "Accept", "application/json");
    assertThat(new JsonObject(json.body())).isEqualTo(new JsonObject().put("sso", false));

    HttpResponse<String> invalid = new TestBrowser().get(broker.baseUrl + "/login?email=not-an-email",
        "Accept", "application/json");
    assertThat(invalid.statusCode()).isEqualTo(400);
  }

  @Test
  void orgPageShowsOnlyActiveConnectorsAndEachButtonStartsALogin() throws Exception {
    UUID draft = UUID.randomUUID();
    Pool sql = PgPools.create(vertx, broker.broker().serviceContext().database(), "test", 1);
    try {
      Await.result(sql.preparedQuery("""
              insert into registry.connectors (id, org_slug, kind, display_name, state, source, parameters)
              values ($1, 'acme', 'oidc', 'Draft Login Not Ready', 'draft', 'api', '{}')
              """).execute(io.vertx.sqlclient.Tuple.of(draft)));
    } finally {
      Await.result(sql.close());
    }

    HttpResponse<String> page = new TestBrowser().get(broker.baseUrl + "/o/acme/login");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Sign in with Acme Corporate Login").doesNotContain("Draft Login Not Ready");
    String href = page.body().replaceAll("(?s).*href=\"(/o/acme/login/[^\"]+)\".*", "$1");
    HttpResponse<String> start = new TestBrowser().get(broker.baseUrl + href);
    assertThat(start.statusCode()).isEqualTo(302);
    assertThat(TestBrowser.location(start)).startsWith(idp.issuer() + "/authorize?").doesNotContain("login_hint");
    assertThat(new TestBrowser().get(broker.baseUrl + "/o/acme/login/" + draft).statusCode()).isEqualTo(404);
    assertThat(new TestBrowser().get(broker.baseUrl + "/o/nope/login").statusCode()).isEqualTo(404);
  }

  @Test
  void sessionTestAppAndLogout() throws Exception {
    PendingLogin login = logins.begin("alice@acme.com");
    String plantedSession = "planted-session-value-0123456789";
    login.browser().setCookie(URI.create(broker.baseUrl), "sso_session", plantedSession, "/");
    HttpResponse<String> callback = logins.finish(login);
    String issued = callback.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sso_session="))
        .findFirst().orElseThrow().replaceAll("sso_session=([^;]*).*", "$1");
    assertThat(issued).isNotEqualTo(plantedSession).hasSize(43);
    assertThat(new TestBrowser().get(broker.baseUrl + "/session", "Cookie", "sso_session=" + plantedSession).statusCode())
        .as("the planted value is no session").isEqualTo(401);

    login = logins.begin("alice@acme.com");
    HttpResponse<String> app = login.browser().follow(logins.finish(login), null);
    assertThat(app.body()).contains("Connected as <strong>alice@acme.com</strong>").contains("acme");

    JsonObject session = new JsonObject(login.browser().get(broker.baseUrl + "/session").body());
    assertThat(session.fieldNames()).contains("userId", "email", "name", "org", "connectorId", "kind", "authenticatedAt",
        "expiresAt");
    assertThat(session.getString("name")).isEqualTo("Alice Doe");

    HttpResponse<String> logout = login.browser().post(broker.baseUrl + "/logout", Map.of(), "Accept", "application/json");
    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(login.browser().get(broker.baseUrl + "/session").statusCode()).isEqualTo(401);
    assertThat(login.browser().get(broker.baseUrl + "/test-app").body()).contains("Not connected");
    assertThat(audit.await(event -> "logout".equals(event.getString("type"))
        && session.getString("userId").equals(event.getString("userId")), 1, java.time.Duration.ofSeconds(20))).hasSize(1);
  }

  @Test
  void aFloodOfLoginStartsFromOneAddressIsRateLimitedWithoutHarmingOthers() throws Exception {
    var flooder = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setLocalAddress("127.0.0.2"));
    java.util.List<Integer> statuses = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        statuses.add(Await.result(flooder.request(io.vertx.core.http.HttpMethod.GET, broker.httpPort, "127.0.0.1",
                "/login?email=alice@acme.com")
            .compose(request -> request.send())
            .map(response -> response.statusCode())));
      }
    } finally {
      Await.result(flooder.close());
    }

    assertThat(statuses.subList(0, 40)).containsOnly(302);
    assertThat(statuses.stream().filter(status -> status == 429).count()).isGreaterThanOrEqualTo(140);
    assertThat(new TestBrowser().get(broker.baseUrl + "/login?email=alice@acme.com").statusCode())
        .as("another address is not limited").isEqualTo(302);
  }

  @Test
  void withoutReturnToALoginLandsOnTheOrgsLandingUrl() throws Exception {
    Pool sql = PgPools.create(vertx, broker.broker().serviceContext().database(), "test", 1);
    try {
      Await.result(sql.query("update registry.orgs set landing_url = 'https://app.initech.example/home' "
          + "where slug = 'initech'").execute());
    } finally {
      Await.result(sql.close());
    }
    clock.advance(REGISTRY_CACHE_FRESHNESS);
    idp.user("ian-sub", Map.of("email", "ian@initech.com"));
    try {
      HttpResponse<String> callback = logins.finish(logins.begin("ian@initech.com"));

      assertThat(callback.statusCode()).isEqualTo(302);
      assertThat(TestBrowser.location(callback)).isEqualTo("https://app.initech.example/home");
    } finally {
      idp.user("alice-sub", Map.of("email", "alice@acme.com", "name", "Alice Doe"));
    }
  }

  @Test
  void stateForgedPastItsLifetimeIsRejectedAsExpired() throws Exception {
    PendingLogin login = logins.begin("alice@acme.com");
    String browserCookie = login.browser().cookie("sso_browser").orElseThrow();
    String binding = Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(browserCookie.getBytes(StandardCharsets.US_ASCII)));
    String original = login.callbackUrl().replaceAll(".*[?&]state=([^&]*).*", "$1");
    JsonObject expired = new JsonObject().put("v", 1).put("sid", UUID.randomUUID().toString()).put("org", "acme")
        .put("cid", connectorIdOf("acme")).put("n", "n").put("pv", "v")
        .put("iat", Instant.now().minusSeconds(11 * 60).getEpochSecond()).put("bb", binding);

    String forged = seal(expired);
    HttpResponse<String> answer = login.browser().get(login.callbackUrl().replace(original, forged),
        "Accept", "application/json");

    logins.assertRejected(answer, login.browser(), STATE_INVALID, "expired");
  }

  private static String connectorIdOf(String org) {
    return String.valueOf(broker.count("select 0") == 0 ? single(
        "select id::text from registry.connectors where org_slug = '" + org + "' and state = 'active'") : "");
  }

  private static String single(String query) {
    Pool sql = PgPools.create(vertx, broker.broker().serviceContext().database(), "test", 1);
    try {
      return Await.result(sql.query(query).execute()).iterator().next().getString(0);
    } finally {
      Await.result(sql.close());
    }
  }

  /** Seals with the broker's own keyset, read from its database: what an attacker without the key cannot do. */
  private static String seal(JsonObject state) throws Exception {
    return broker.sealWithStateKeys(state, "sso-login-state-v1");
  }
}
