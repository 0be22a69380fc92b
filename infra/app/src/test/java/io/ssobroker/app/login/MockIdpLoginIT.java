package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One successful login per connector kind against a real, independent OpenID Provider implementation
 * (mock-oauth2-server), with the Entra, Google and Okta presets pointed at it.
 */
class MockIdpLoginIT {

  @TempDir
  static Path work;

  private static MockOAuth2Server idp;
  private static final String UMBRELLA_TENANT = "3c9d2e1f-7a6b-4c5d-9e8f-0a1b2c3d4e5f";
  private static LoginBroker broker;
  private static AuditTopicReader audit;

  @BeforeAll
  static void start() throws Exception {
    idp = new MockOAuth2Server();
    idp.start(InetAddress.getByName("127.0.0.1"), 0);
    String idpBase = "http://127.0.0.1:" + idp.baseUrl().port();
    String connectors = """
        {
          "acme": [{"kind": "oidc", "displayName": "Acme SSO", "domains": ["acme.com"],
                    "parameters": {"discoveryEndpoint": "%1$s/acme-oidc/.well-known/openid-configuration",
                                   "clientId": "acme-client", "clientSecret": "${env:ACME_SECRET}"}}],
          "globex": [{"kind": "okta", "domains": ["globex.com"],
                      "parameters": {"oktaDomain": "127.0.0.1:%2$d", "authorizationServerId": "default",
                                     "clientId": "globex-client", "clientSecret": "okta-secret"}}],
          "initech": [{"kind": "google", "domains": ["initech.com"],
                       "parameters": {"hostedDomain": "initech.com", "clientId": "initech-client", "clientSecret": "g"}}],
          "umbrella": [{"kind": "azure", "domains": ["umbrella.com"], "claimMapping": {"email": "preferred_username"},
                        "parameters": {"tenantId": "%3$s", "tenantType": "single", "clientId": "umbrella-client",
                                       "clientSecret": "a:b%%c+d"}}]
        }
        """.formatted(idpBase, idp.baseUrl().port(), UMBRELLA_TENANT);
    String users = """
        {"email": "alice@acme.com", "name": "Alice", "org": "acme"}
        {"email": "bob@globex.com", "name": "Bob", "org": "globex"}
        {"email": "carol@initech.com", "name": "Carol", "org": "initech"}
        {"email": "dave@umbrella.com", "name": "Dave", "org": "umbrella"}
        """;
    broker = LoginBroker.start(work, connectors, users, Map.of("ACME_SECRET", "acme-secret"),
        "--idp-azure-authority", idpBase, "--idp-google-authority", idpBase + "/google", "--idp-okta-scheme", "http");
    audit = new AuditTopicReader(broker.kafkaBootstrapServers(), broker.auditTopic());
  }

  @AfterAll
  static void stop() {
    if (audit != null) {
      audit.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (idp != null) {
      idp.shutdown();
    }
  }

  private static void nextToken(String issuerId, String subject, String clientId, Map<String, Object> claims) {
    idp.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(clientId), claims, 3600));
  }

  private static JsonObject logIn(String email) throws Exception {
    TestBrowser browser = new TestBrowser();
    HttpResponse<String> start = browser.get(broker.baseUrl + "/login?email=" + email);
    assertThat(start.statusCode()).as("start answer: %s", start.body()).isEqualTo(302);
    String authorize = TestBrowser.location(start);
    assertThat(authorize).startsWith("http://127.0.0.1:" + idp.baseUrl().port() + "/");
    URI authorization = URI.create(authorize);
    assertThat(authorization.getQuery()).contains("code_challenge_method=S256").contains("login_hint=" + email)
        .contains("nonce=").contains("state=");

    HttpResponse<String> landed = browser.follow(start, null);

    assertThat(landed.statusCode()).as("lands on the test app: %s", landed.body()).isEqualTo(200);
    assertThat(landed.uri().getPath()).isEqualTo("/test-app");
    assertThat(landed.body()).contains("Connected as <strong>" + email + "</strong>");
    HttpResponse<String> session = browser.get(broker.baseUrl + "/session");
    assertThat(session.statusCode()).isEqualTo(200);
    return new JsonObject(session.body());
  }

  @Test
  void genericOidcLogin() throws Exception {
    nextToken("acme-oidc", "alice-subject", "acme-client", Map.of("email", "alice@acme.com", "name", "Alice A."));

    JsonObject session = logIn("alice@acme.com");

    assertThat(session.getString("email")).isEqualTo("alice@acme.com");
    assertThat(session.getString("org")).isEqualTo("acme");
    assertThat(session.getString("kind")).isEqualTo("oidc");
    assertThat(session.getString("name")).isEqualTo("Alice A.");
    JsonObject succeeded = audit.await(event -> "login.succeeded".equals(event.getString("type"))
        && "alice@acme.com".equals(event.getString("email")), 1, java.time.Duration.ofSeconds(20)).get(0);
    assertThat(succeeded.getString("org")).isEqualTo("acme");
    assertThat(succeeded.getString("connectorKind")).isEqualTo("oidc");
    assertThat(succeeded.getString("subject")).isEqualTo("alice-subject");
    assertThat(succeeded.getString("userId")).isEqualTo(session.getString("userId"));
    assertThat(audit.keyOf(succeeded.getString("id"))).isEqualTo("acme");
    JsonObject started = audit.await(event -> "login.started".equals(event.getString("type"))
        && "alice@acme.com".equals(event.getString("email")), 1, java.time.Duration.ofSeconds(20)).get(0);
    assertThat(started.getString("connectorId")).isEqualTo(succeeded.getString("connectorId"));
    assertThat(started.getString("correlationId")).isNotBlank();
  }

  @Test
  void oktaLogin() throws Exception {
    nextToken("oauth2/default", "bob-subject", "globex-client", Map.of("email", "bob@globex.com", "email_verified", true));

    assertThat(logIn("bob@globex.com").getString("kind")).isEqualTo("okta");
  }

  /** Okta always says whether it verified the email; one it did not verify names nobody. */
  @Test
  void oktaEmailThatOktaDidNotVerifyIsRefused() throws Exception {
    for (Map<String, Object> claims : List.<Map<String, Object>>of(Map.of("email", "bob@globex.com"),
        Map.of("email", "bob@globex.com", "email_verified", false))) {
      nextToken("oauth2/default", "bob-subject", "globex-client", claims);
      TestBrowser browser = new TestBrowser();

      HttpResponse<String> landed = browser.follow(browser.get(broker.baseUrl + "/login?email=bob@globex.com"), null);

      assertThat(landed.statusCode()).as(landed.body()).isEqualTo(403);
      assertThat(landed.body()).contains("EMAIL_VALIDATION_FAILED").contains("(email_not_verified)");
      assertThat(browser.get(broker.baseUrl + "/session").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void googleLogin() throws Exception {
    nextToken("google", "carol-subject", "initech-client",
        Map.of("email", "carol@initech.com", "email_verified", true, "hd", "initech.com"));

    assertThat(logIn("carol@initech.com").getString("kind")).isEqualTo("google");
  }

  @Test
  void entraSingleTenantLogin() throws Exception {
    Map<String, Object> claims = new HashMap<>();
    claims.put("preferred_username", "dave@umbrella.com");
    claims.put("tid", UMBRELLA_TENANT);
    nextToken(UMBRELLA_TENANT + "/v2.0", "dave-subject", "umbrella-client", claims);

    JsonObject session = logIn("dave@umbrella.com");

    assertThat(session.getString("kind")).isEqualTo("azure");
    assertThat(session.getString("name")).isEqualTo("Dave");
  }
}
