package io.ssobroker.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.AdminClient;
import io.ssobroker.app.login.AuditTopicReader;
import io.ssobroker.app.login.HeadlessChromium;
import io.ssobroker.app.login.LoginBroker;
import io.ssobroker.app.login.TestBrowser;
import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A family of products, each on its own origin, signing in through the broker with a relying party nobody here wrote
 * (panva's certified openid-client, run by node), against an upstream IdP nobody here wrote either (mock-oauth2-server):
 * the library's own checks accept the broker's ID tokens, and a second product signs the user in with no IdP round trip,
 * in a real Chromium as over plain HTTP.
 */
class ProductFamilyIT {

  @TempDir
  static Path work;

  private static final String TOKEN = "family-admin-token-0123456789abcdefghij";
  private static MockOAuth2Server idp;
  private static LoginBroker broker;
  private static AuditTopicReader audit;
  private static NodeProduct analytics;
  private static NodeProduct reports;
  private static NodeProduct billing;
  private static BackChannelReceiver reportsBackChannel;

  @BeforeAll
  static void start() throws Exception {
    idp = new MockOAuth2Server();
    idp.start(InetAddress.getByName("127.0.0.1"), 0);
    String connectors = """
        {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "http://127.0.0.1:%d/acme/.well-known/openid-configuration",
                                  "clientId": "acme-client", "clientSecret": "acme-secret"}}]}
        """.formatted(idp.baseUrl().port());
    broker = LoginBroker.start(work, connectors, """
        {"email": "alice@acme.com", "name": "Alice Doe", "org": "acme"}
        {"email": "bob@acme.com", "name": "Bob", "org": "acme"}
        {"email": "carol@acme.com", "name": "Carol", "org": "acme"}
        """, Map.of(), "--admin-token", TOKEN);
    audit = new AuditTopicReader(broker.kafkaBootstrapServers(), broker.auditTopic());
    AdminClient admin = new AdminClient(broker.adminPort, TOKEN);

    int analyticsPort = FreePorts.next();
    String secret = register(admin, new JsonObject().put("clientId", "analytics").put("name", "Analytics")
        .put("type", "confidential")
        .put("redirectUris", new JsonArray().add(NodeProduct.redirectUri("localhost", analyticsPort).toString()))
        .put("postLogoutRedirectUris", new JsonArray().add("http://localhost:" + analyticsPort + "/signed-out")))
        .getString("clientSecret");
    int reportsPort = FreePorts.next();
    reportsBackChannel = new BackChannelReceiver(FreePorts.next()).start();
    register(admin, new JsonObject().put("clientId", "reports").put("name", "Reports").put("type", "public")
        .put("redirectUris", new JsonArray().add(NodeProduct.redirectUri("127.0.0.2", reportsPort).toString()))
        .put("backchannelLogoutUri", reportsBackChannel.uri().toString()));
    int billingPort = FreePorts.next();
    register(admin, new JsonObject().put("clientId", "billing").put("name", "Billing").put("type", "confidential")
        .put("idTokenSigningAlg", "RS256")
        .put("redirectUris", new JsonArray().add(NodeProduct.redirectUri("127.0.0.3", billingPort).toString())));
    String billingSecret = new JsonObject(admin.call("POST", "/admin/v1/clients/billing/secret", null).body())
        .getString("clientSecret");

    analytics = NodeProduct.start(broker.baseUrl, "analytics", Optional.of(secret), "localhost", analyticsPort);
    reports = NodeProduct.start(broker.baseUrl, "reports", Optional.empty(), "127.0.0.2", reportsPort);
    billing = NodeProduct.start(broker.baseUrl, "billing", Optional.of(billingSecret), "127.0.0.3", billingPort);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {analytics, reports, billing, reportsBackChannel, audit,
        broker}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception ignored) {
        // the next one still closes
      }
    }
    if (idp != null) {
      idp.shutdown();
    }
  }

  @Test
  void openIdClientSignsInThroughTheBrokerAndItsChecksAcceptTheTokens() throws Exception {
    TestBrowser browser = new TestBrowser();
    nextUpstreamUser("bob-sub", "bob@acme.com", "Bob");
    HttpResponse<String> landed = browser.follow(browser.get(analytics.baseUrl + "/login?login_hint=bob@acme.com"),
        null);
    assertThat(landed.statusCode()).as("%s\n%s", landed.body(), analytics.output()).isEqualTo(200);
    assertThat(landed.body()).contains("Signed in as bob@acme.com");

    JsonObject signIn = analytics.lastSignIn();
    JsonObject claims = signIn.getJsonObject("claims");
    assertThat(claims.getString("iss")).isEqualTo(broker.baseUrl);
    assertThat(claims.getString("aud")).isEqualTo("analytics");
    assertThat(claims.getString("email")).isEqualTo("bob@acme.com");
    assertThat(claims.getBoolean("email_verified")).isTrue();
    assertThat(claims.getString("name")).isEqualTo("Bob");
    assertThat(claims.getString("org")).isEqualTo("acme");
    assertThat(claims.getString("sid")).isNotBlank();
    assertThat(claims.getString("nonce")).isNotBlank();
    assertThat(claims.getString("acr")).isEqualTo("urn:sso-broker:connector:oidc");
    assertThat(signIn.getJsonObject("idTokenHeader").getString("alg")).isEqualTo("ES256");
    assertThat(signIn.getJsonObject("userinfo").getString("sub")).isEqualTo(claims.getString("sub"));
    assertThat(signIn.getJsonObject("userinfo").getString("email")).isEqualTo("bob@acme.com");

    JsonObject issued = audit.await(event -> "token.issued".equals(event.getString("type"))
        && claims.getString("sub").equals(event.getString("userId")), 1, Duration.ofSeconds(20)).get(0);
    assertThat(issued.getJsonObject("details").getString("clientId")).isEqualTo("analytics");

    HttpResponse<String> rs256 = browser.follow(browser.get(billing.baseUrl + "/login"), null);
    assertThat(rs256.body()).as(billing.output()).contains("Signed in as bob@acme.com");
    assertThat(billing.lastSignIn().getJsonObject("idTokenHeader").getString("alg")).isEqualTo("RS256");
    assertThat(billing.lastSignIn().getJsonObject("claims").getString("sid")).as("the same broker session")
        .isEqualTo(claims.getString("sid"));
  }

  @Test
  void openIdClientRefreshesIntrospectsAndRevokesWithTheProductsOwnCredentials() throws Exception {
    TestBrowser browser = new TestBrowser();
    nextUpstreamUser("carol-sub", "carol@acme.com", "Carol");
    HttpResponse<String> landed = browser.follow(
        browser.get(analytics.baseUrl + "/login?login_hint=carol@acme.com"), null);
    assertThat(landed.body()).as(analytics.output()).contains("Signed in as carol@acme.com");
    String sub = analytics.lastSignIn().getJsonObject("claims").getString("sub");

    JsonObject refreshed = analytics.call("/refresh");
    assertThat(refreshed.getBoolean("rotated")).as("%s\n%s", refreshed, analytics.output()).isTrue();
    assertThat(refreshed.getJsonObject("claims").getString("sub")).isEqualTo(sub);
    audit.await(event -> "token.refreshed".equals(event.getString("type")) && sub.equals(event.getString("userId")),
        1, Duration.ofSeconds(20));

    JsonObject introspected = analytics.call("/introspect");
    assertThat(introspected.getBoolean("active")).as("%s", introspected).isTrue();
    assertThat(introspected.getString("sub")).isEqualTo(sub);
    assertThat(introspected.getString("client_id")).isEqualTo("analytics");
    assertThat(introspected.getString("org")).isEqualTo("acme");

    JsonObject revoked = analytics.call("/revoke");
    assertThat(revoked.getString("refreshAfterwards")).as("%s", revoked).isEqualTo("invalid_grant");
  }

  @Test
  void aRealBrowserSignedInAtOneProductIsSignedInAtAnotherOriginWithoutTheIdp() throws Exception {
    WebDriver chromium = HeadlessChromium.start(work.resolve("chromium-family"));
    try {
      WebDriverWait wait = new WebDriverWait(chromium, Duration.ofSeconds(30));
      nextUpstreamUser("alice-sub", "alice@acme.com", "Alice Doe");
      chromium.get(analytics.baseUrl + "/login");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email"))).sendKeys("alice@acme.com");
      chromium.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));
      assertThat(chromium.getCurrentUrl()).startsWith(analytics.baseUrl + "/callback");
      assertThat(chromium.findElement(By.id("signed-in")).getText()).isEqualTo("Signed in as alice@acme.com");
      JsonObject atAnalytics = analytics.lastSignIn().getJsonObject("claims");

      drainUpstreamRequests();
      int startedBefore = loginsStarted();
      chromium.get(reports.baseUrl + "/login");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in")));
      assertThat(chromium.getCurrentUrl()).startsWith(reports.baseUrl + "/callback");
      assertThat(chromium.findElement(By.id("signed-in")).getText()).isEqualTo("Signed in as alice@acme.com");
      JsonObject atReports = reports.lastSignIn().getJsonObject("claims");

      assertThat(nextUpstreamRequest(Duration.ofSeconds(1))).as("no request reached the upstream IdP").isEmpty();
      assertThat(loginsStarted()).as("no second login").isEqualTo(startedBefore);
      assertThat(atReports.getString("aud")).isEqualTo("reports");
      assertThat(atReports.getString("sub")).isEqualTo(atAnalytics.getString("sub"));
      assertThat(atReports.getString("sid")).isEqualTo(atAnalytics.getString("sid"));
      assertThat(atReports.getLong("auth_time")).isEqualTo(atAnalytics.getLong("auth_time"));
      assertThat(atReports.getString("email")).isEqualTo("alice@acme.com");
      assertThat(atReports.getString("org")).isEqualTo("acme");
      assertThat(URI.create(analytics.baseUrl).getHost()).isNotEqualTo(URI.create(reports.baseUrl).getHost());

      chromium.get(analytics.baseUrl + "/logout");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
      assertThat(chromium.getCurrentUrl()).startsWith(analytics.baseUrl + "/signed-out?state=");
      String logoutToken = reportsBackChannel.awaitFor(atReports.getString("sid"), Duration.ofSeconds(20));
      var claims = BackChannelReceiver.verified(logoutToken, broker.baseUrl, "reports");
      assertThat(claims.getSubject()).isEqualTo(atReports.getString("sub"));
      assertThat(claims.getStringClaim("sid")).isEqualTo(atReports.getString("sid"));
      JsonObject logout = audit.await(event -> "logout".equals(event.getString("type"))
          && atReports.getString("sid").equals(event.getJsonObject("details", new JsonObject()).getString("sid")), 1,
          Duration.ofSeconds(20)).get(0);
      assertThat(logout.getJsonObject("details").getString("trigger")).isEqualTo("product_logout");
      assertThat(logout.getJsonObject("details").getJsonArray("clientsTold")).contains("analytics", "reports");
      chromium.get(reports.baseUrl + "/login");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
    } finally {
      chromium.quit();
    }
  }

  private static JsonObject register(AdminClient admin, JsonObject client) throws Exception {
    HttpResponse<String> created = admin.call("POST", "/admin/v1/clients", client.encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return new JsonObject(created.body());
  }

  private static void nextUpstreamUser(String subject, String email, String name) {
    idp.enqueueCallback(new DefaultOAuth2TokenCallback("acme", subject, "JWT", List.of("acme-client"),
        Map.of("email", email, "name", name), 3600));
  }

  private static void drainUpstreamRequests() {
    while (nextUpstreamRequest(Duration.ofMillis(200)).isPresent()) {
      // recorded before the second product's sign-in
    }
  }

  /** mock-oauth2-server answers "none within the timeout" with an exception. */
  private static Optional<RecordedRequest> nextUpstreamRequest(Duration timeout) {
    try {
      return Optional.of(idp.takeRequest(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (RuntimeException none) {
      return Optional.empty();
    }
  }

  private static int loginsStarted() {
    return audit.await(event -> "login.started".equals(event.getString("type")), Integer.MAX_VALUE,
        Duration.ofMillis(500)).size();
  }
}
