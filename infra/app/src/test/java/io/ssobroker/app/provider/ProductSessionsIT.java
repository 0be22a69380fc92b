package io.ssobroker.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.ssobroker.app.login.AdminClient;
import io.ssobroker.app.login.AuditTopicReader;
import io.ssobroker.app.login.LoginBroker;
import io.ssobroker.app.login.LoginTestEnvironment;
import io.ssobroker.app.login.TestBrowser;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.testing.FreePorts;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Product sessions that end together (issue 18), against the whole broker: refresh tokens that rotate and whose reuse
 * revokes the family, introspection and revocation with the products' own credentials (tokens and users' API keys, each
 * client seeing only its own), logout at the broker and at a product (RP-initiated) and every other end of a session
 * (user disabled, admin action) telling each product through back-channel logout, durably across a product's outage.
 * Each asserts the answers and the audit events.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductSessionsIT {

  @TempDir
  static Path work;

  private static final String TOKEN = "sessions-admin-token-0123456789abcdef";
  private static final String ANALYTICS_SECRET = "analytics-secret-0123456789abcdefghijklmnop";
  private static final String BETA_SECRET = "beta-backend-secret-0123456789abcdefghijklm";
  private static final URI ANALYTICS = URI.create("http://127.0.0.1:7101/callback");
  private static final URI ANALYTICS_SIGNED_OUT = URI.create("http://127.0.0.1:7101/signed-out");
  private static final URI REPORTS = URI.create("http://localhost:7102/cb");
  private static final URI BETA = URI.create("http://127.0.0.2:7103/cb");

  private static final MovableClock clock = new MovableClock(Instant.now());
  private static final LoginTestEnvironment environment = new LoginTestEnvironment().withClock(clock);
  private static TestIdp idp;
  private static LoginBroker broker;
  private static AuditTopicReader audit;
  private static AdminClient admin;
  private static BackChannelReceiver analyticsBackChannel;
  private static BackChannelReceiver reportsBackChannel;
  private static ProductRp analytics;
  private static ProductRp reports;
  private static ProductRp betaBackend;

  @BeforeAll
  static void start() throws Exception {
    analyticsBackChannel = new BackChannelReceiver(FreePorts.next()).start();
    reportsBackChannel = new BackChannelReceiver(FreePorts.next()).start();
    idp = environment.idp("/idp").client("app", "secret");
    String connectors = """
        {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%1$s", "clientId": "app", "clientSecret": "secret"}}]}
        """.formatted(idp.discoveryUrl());
    Path clients = work.resolve("clients.json");
    Files.writeString(clients, """
        {"analytics": {"name": "Analytics", "type": "confidential", "clientSecret": "${env:ANALYTICS_SECRET}",
                       "redirectUris": ["%s"], "postLogoutRedirectUris": ["%s"], "backchannelLogoutUri": "%s"},
         "reports": {"name": "Reports", "type": "public", "redirectUris": ["%s"], "backchannelLogoutUri": "%s",
                     "idTokenSigningAlg": "RS256"},
         "beta-backend": {"name": "Beta backend", "type": "confidential", "clientSecret": "${env:BETA_SECRET}",
                          "redirectUris": ["%s"], "allowedOrgs": ["beta"], "refreshTokens": false}}
        """.formatted(ANALYTICS, ANALYTICS_SIGNED_OUT, analyticsBackChannel.uri(), REPORTS, reportsBackChannel.uri(),
        BETA));
    environment.startBroker(work, connectors, """
        {"email": "alice@acme.com", "name": "Alice", "org": "acme"}
        {"email": "bob@acme.com", "name": "Bob", "org": "acme"}
        {"email": "carol@acme.com", "name": "Carol", "org": "acme"}
        {"email": "dave@acme.com", "name": "Dave", "org": "acme"}
        {"email": "erin@acme.com", "name": "Erin", "org": "acme"}
        {"email": "frank@acme.com", "name": "Frank", "org": "acme"}
        {"email": "grace@acme.com", "name": "Grace", "org": "acme"}
        """, Map.of("ANALYTICS_SECRET", ANALYTICS_SECRET, "BETA_SECRET", BETA_SECRET), "--admin-token", TOKEN,
        "--clients-file", clients.toString());
    broker = environment.broker();
    audit = environment.audit();
    admin = new AdminClient(broker.adminPort, TOKEN);
    analytics = new ProductRp(broker.baseUrl, "analytics", Optional.of(ANALYTICS_SECRET), ANALYTICS);
    reports = new ProductRp(broker.baseUrl, "reports", Optional.empty(), REPORTS);
    betaBackend = new ProductRp(broker.baseUrl, "beta-backend", Optional.of(BETA_SECRET), BETA);
  }

  @AfterAll
  static void stop() {
    analyticsBackChannel.close();
    reportsBackChannel.close();
    environment.close();
  }

  // ---- refresh ----

  @Test
  void aRefreshTokenRotatesAndItsReuseRevokesTheWholeFamily() throws Exception {
    SignedIn alice = signIn(new TestBrowser(), analytics, "alice@acme.com");
    String first = alice.tokens().getRefreshToken().getValue();

    OIDCTokens second = tokens(analytics.refresh(first));
    assertThat(second.getRefreshToken().getValue()).as("rotated").isNotEqualTo(first);
    IDTokenClaimsSet refreshedId = analytics.validate(second.getIDTokenString(), null);
    assertThat(refreshedId.getSubject()).isEqualTo(alice.claims().getSubject());
    assertThat(refreshedId.getSessionID()).isEqualTo(alice.claims().getSessionID());
    JsonObject refreshed = lastEvent("token.refreshed", alice.sid());
    assertThat(refreshed.getJsonObject("details").getString("grant")).isEqualTo("refresh_token");
    assertThat(refreshed.getJsonObject("details").getString("clientId")).isEqualTo("analytics");
    assertThat(refreshed.getString("userId")).isEqualTo(alice.userId());

    HTTPResponse reused = analytics.refresh(first);
    assertGrantError(reused, "invalid_grant");
    JsonObject reuse = lastEvent("token.reuse_detected", alice.sid());
    assertThat(reuse.getString("reason")).isEqualTo("refresh_token_reused");
    assertThat(reuse.getJsonObject("details").getString("grant")).isEqualTo("refresh_token");

    assertGrantError(analytics.refresh(second.getRefreshToken().getValue()), "invalid_grant");
    assertThat(lastEvent("token.failed", alice.sid()).getString("reason")).isEqualTo("refresh_token_revoked");
    assertThat(active(analytics.introspect(second.getAccessToken().getValue())))
        .as("the access token of the revoked family").isFalse();
    assertThat(active(analytics.introspect(alice.tokens().getAccessToken().getValue())))
        .as("the access token of the code the family began with").isFalse();
  }

  @Test
  void aRefreshFailsOnceTheUserIsDisabledAndTheSessionEndsWithBackChannelLogout() throws Exception {
    TestBrowser browser = new TestBrowser();
    SignedIn carol = signIn(browser, analytics, "carol@acme.com");
    SignedIn carolAtReports = signInAgain(browser, reports, carol);

    ok(admin.call("PUT", "/admin/v1/orgs/acme/users/" + carol.userId(),
        "{\"email\": \"carol@acme.com\", \"name\": \"Carol\", \"status\": \"disabled\"}"), 200);

    JsonObject ended = lastEvent("session.ended", carol.sid());
    assertThat(ended.getJsonObject("details").getString("trigger")).isEqualTo("user_disabled");
    assertThat(ended.getJsonObject("details").getJsonArray("clientsTold")).containsExactly("analytics", "reports");
    assertLogoutToken(analyticsBackChannel, "analytics", carol);
    assertLogoutToken(reportsBackChannel, "reports", carol);

    assertGrantError(analytics.refresh(carol.tokens().getRefreshToken().getValue()), "invalid_grant");
    assertThat(lastEvent("token.failed", carol.sid()).getString("reason")).isEqualTo("session_ended");
    assertGrantError(reports.refresh(carolAtReports.tokens().getRefreshToken().getValue()), "invalid_grant");
    assertThat(browser.get(broker.baseUrl + "/session").statusCode()).isEqualTo(401);
  }

  @Test
  void aClientWithRefreshTokensOffGetsNoneAndCannotRefresh() throws Exception {
    HttpResponse<String> created = admin.call("POST", "/admin/v1/clients", new JsonObject()
        .put("clientId", "no-refresh").put("name", "No refresh").put("type", "public").put("refreshTokens", false)
        .put("redirectUris", new JsonArray().add("http://127.0.0.1:7104/cb")).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(new JsonObject(created.body()).getBoolean("refreshTokens")).isFalse();
    ProductRp noRefresh = new ProductRp(broker.baseUrl, "no-refresh", Optional.empty(),
        URI.create("http://127.0.0.1:7104/cb"));
    SignedIn dave = signIn(new TestBrowser(), noRefresh, "dave@acme.com");
    assertThat(dave.tokens().getRefreshToken()).isNull();
    assertGrantError(noRefresh.refresh("not-a-refresh-token"), "unauthorized_client");
  }

  // ---- introspection and revocation with the products' own credentials ----

  @Test
  void aProductIntrospectsItsOwnTokensAndTheKeysOfOrgsItAllowsOnly() throws Exception {
    TestBrowser browser = new TestBrowser();
    SignedIn erin = signIn(browser, analytics, "erin@acme.com");
    SignedIn erinAtReports = signInAgain(browser, reports, erin);

    JsonObject access = introspection(analytics.introspect(erin.tokens().getAccessToken().getValue()));
    assertThat(access.getBoolean("active")).isTrue();
    assertThat(access.getString("sub")).isEqualTo(erin.userId());
    assertThat(access.getString("org")).isEqualTo("acme");
    assertThat(access.getString("client_id")).isEqualTo("analytics");
    assertThat(access.getString("scope")).contains("openid");
    assertThat(access.getLong("exp")).isGreaterThan(clock.instant().getEpochSecond());
    JsonObject refresh = introspection(analytics.introspect(erin.tokens().getRefreshToken().getValue()));
    assertThat(refresh.getBoolean("active")).isTrue();
    assertThat(refresh.getString("sub")).isEqualTo(erin.userId());
    assertThat(refresh.getString("client_id")).isEqualTo("analytics");

    assertThat(active(analytics.introspect(erinAtReports.tokens().getAccessToken().getValue())))
        .as("another client's token").isFalse();
    assertThat(active(betaBackend.introspect(erin.tokens().getAccessToken().getValue()))).isFalse();

    String key = new JsonObject(browser.json("POST", broker.baseUrl + "/api-keys", "{\"name\": \"cli\"}").body())
        .getString("key");
    JsonObject apiKey = introspection(analytics.introspect(key));
    assertThat(apiKey.getBoolean("active")).isTrue();
    assertThat(apiKey.getString("sub")).isEqualTo(erin.userId());
    assertThat(apiKey.getString("org")).isEqualTo("acme");
    assertThat(apiKey.getString("token_type")).isEqualTo("api_key");
    assertThat(active(betaBackend.introspect(key))).as("a key of an org the client does not allow").isFalse();

    HTTPResponse wrongSecret = new ProductRp(broker.baseUrl, "analytics", Optional.of("wrong-secret-0123456789"),
        ANALYTICS).introspect(key);
    assertThat(wrongSecret.getStatusCode()).isEqualTo(401);
    assertThat(wrongSecret.getContentAsJSONObject().get("error")).isEqualTo("invalid_client");
    HttpResponse<String> publicClient = new TestBrowser().post(broker.baseUrl + "/oauth2/introspect",
        Map.of("token", key, "client_id", "reports"));
    assertThat(publicClient.statusCode()).as(publicClient.body()).isEqualTo(401);
    HttpResponse<String> noCredentials = new TestBrowser().post(broker.baseUrl + "/oauth2/introspect",
        Map.of("token", key));
    assertThat(noCredentials.statusCode()).isEqualTo(401);

    String keyId = new JsonObject(browser.get(broker.baseUrl + "/api-keys").body()).getJsonArray("items")
        .getJsonObject(0).getString("id");
    assertThat(browser.json("DELETE", broker.baseUrl + "/api-keys/" + keyId, null).statusCode()).isEqualTo(204);
    assertThat(active(analytics.introspect(key))).as("revoked, right after the revoking call answered").isFalse();
  }

  @Test
  void aProductRevokesItsTokensButNotAnotherClientsOnes() throws Exception {
    TestBrowser browser = new TestBrowser();
    SignedIn frank = signIn(browser, analytics, "frank@acme.com");
    SignedIn frankAtReports = signInAgain(browser, reports, frank);

    HTTPResponse foreign = analytics.revoke(frankAtReports.tokens().getAccessToken().getValue());
    assertThat(foreign.getStatusCode()).isEqualTo(400);
    assertThat(foreign.getContentAsJSONObject().get("error")).isEqualTo("unauthorized_client");
    assertThat(active(analytics.introspect(frank.tokens().getAccessToken().getValue()))).isTrue();

    String access = frank.tokens().getAccessToken().getValue();
    assertThat(analytics.revoke(access).getStatusCode()).isEqualTo(200);
    assertThat(active(analytics.introspect(access))).isFalse();
    assertThat(new TestBrowser().get(broker.baseUrl + "/oauth2/userinfo", "Authorization", "Bearer " + access)
        .statusCode()).isEqualTo(401);

    String reportsRefresh = frankAtReports.tokens().getRefreshToken().getValue();
    assertThat(reports.revoke(reportsRefresh).getStatusCode()).as("a public client revokes its own").isEqualTo(200);
    assertGrantError(reports.refresh(reportsRefresh), "invalid_grant");
    assertThat(analytics.revoke("never-issued-token").getStatusCode()).as("RFC 7009 2.2").isEqualTo(200);
  }

  // ---- logout everywhere ----

  @Test
  void signingOutAtTheBrokerTellsEveryProductThatHoldsTokensOfTheSession() throws Exception {
    TestBrowser browser = new TestBrowser();
    SignedIn bob = signIn(browser, analytics, "bob@acme.com");
    signInAgain(browser, reports, bob);

    HttpResponse<String> logout = browser.post(broker.baseUrl + "/logout", Map.of(), "Accept", "application/json");
    assertThat(logout.statusCode()).isEqualTo(204);

    JsonObject event = lastEvent("logout", bob.sid());
    assertThat(event.getJsonObject("details").getString("trigger")).isEqualTo("logout");
    assertThat(event.getJsonObject("details").getJsonArray("clientsTold")).containsExactly("analytics", "reports");
    assertLogoutToken(analyticsBackChannel, "analytics", bob);
    assertLogoutToken(reportsBackChannel, "reports", bob);
    assertThat(analyticsBackChannel.contentTypes()).allMatch(type -> type.startsWith("application/x-www-form-urlencoded"));
    assertGrantError(analytics.refresh(bob.tokens().getRefreshToken().getValue()), "invalid_grant");
    assertThat(broker.count("select count(*) from edge.backchannel_logouts where sid = '" + bob.sid() + "'"))
        .as("delivered once per client, nothing left to send").isZero();
  }

  @Test
  void aProductSignsTheUserOutEverywhereThroughTheEndSessionEndpoint() throws Exception {
    TestBrowser browser = new TestBrowser();
    SignedIn grace = signIn(browser, analytics, "grace@acme.com");
    signInAgain(browser, reports, grace);
    String hint = grace.tokens().getIDTokenString();

    HttpResponse<String> unregistered = browser.get(endSession(Map.of("id_token_hint", hint,
        "post_logout_redirect_uri", "http://127.0.0.1:7101/elsewhere", "state", "s1")));
    assertThat(unregistered.statusCode()).as("never a redirect to an unregistered URI").isEqualTo(400);
    HttpResponse<String> withoutHint = browser.get(endSession(Map.of("client_id", "analytics")));
    assertThat(withoutHint.statusCode()).isEqualTo(200);
    assertThat(withoutHint.body()).contains("Sign out?").contains("name=\"confirm\"");
    assertThat(browser.get(broker.baseUrl + "/session").statusCode()).as("not signed out without the user's word")
        .isEqualTo(200);

    HttpResponse<String> signedOut = browser.get(endSession(Map.of("id_token_hint", hint,
        "post_logout_redirect_uri", ANALYTICS_SIGNED_OUT.toString(), "state", "af0ifjsldkj")));
    assertThat(signedOut.statusCode()).isEqualTo(302);
    assertThat(TestBrowser.location(signedOut)).isEqualTo(ANALYTICS_SIGNED_OUT + "?state=af0ifjsldkj");
    assertThat(browser.get(broker.baseUrl + "/session").statusCode()).isEqualTo(401);

    JsonObject event = lastEvent("logout", grace.sid());
    assertThat(event.getJsonObject("details").getString("trigger")).isEqualTo("product_logout");
    assertThat(event.getJsonObject("details").getString("clientId")).isEqualTo("analytics");
    assertThat(event.getJsonObject("details").getJsonArray("clientsTold")).containsExactly("analytics", "reports");
    assertLogoutToken(reportsBackChannel, "reports", grace);
  }

  @Test
  void adminsSeeAnOrgsSessionsWithTheirClientsAndEndAUsersSessions() throws Exception {
    TestBrowser browser = new TestBrowser();
    SignedIn alice = signIn(browser, analytics, "alice@acme.com");
    HttpResponse<String> listed = admin.call("GET", "/admin/v1/orgs/acme/sessions?user=" + alice.userId(), null);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    JsonObject session = new JsonObject(listed.body()).getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> item.getString("sid").equals(alice.sid())).findFirst().orElseThrow();
    assertThat(session.getString("userId")).isEqualTo(alice.userId());
    assertThat(session.getJsonArray("clients")).containsExactly("analytics");
    assertThat(listed.body()).doesNotContain(alice.tokens().getAccessToken().getValue())
        .doesNotContain(alice.tokens().getRefreshToken().getValue());

    ok(admin.call("POST", "/admin/v1/orgs", "{\"slug\": \"umbrella\", \"name\": \"Umbrella\"}"), 201);
    AdminClient umbrella = new AdminClient(broker.adminPort, new JsonObject(admin.call("POST", "/admin/v1/tokens",
        "{\"org\": \"umbrella\", \"name\": \"umbrella admin\"}").body()).getString("token"));
    assertThat(umbrella.call("POST", "/admin/v1/users/" + alice.userId() + "/sessions/end", null).statusCode())
        .as("another org's admin").isEqualTo(404);
    assertThat(umbrella.call("GET", "/admin/v1/orgs/acme/sessions", null).statusCode()).isIn(403, 404);

    HttpResponse<String> ended = admin.call("POST", "/admin/v1/users/" + alice.userId() + "/sessions/end", null);
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
    assertThat(new JsonObject(ended.body()).getInteger("ended")).isGreaterThanOrEqualTo(1);
    JsonObject event = lastEvent("session.ended", alice.sid());
    assertThat(event.getJsonObject("details").getString("trigger")).isEqualTo("admin");
    assertLogoutToken(analyticsBackChannel, "analytics", alice);
    assertThat(browser.get(broker.baseUrl + "/session").statusCode()).isEqualTo(401);
  }

  /** Last: it moves the broker's clock (about 50 s, within the products' ID token clock skew). */
  @Test
  @Order(Integer.MAX_VALUE)
  void aProductThatIsDownHearsOfTheLogoutWhenItIsBack() throws Exception {
    TestBrowser browser = new TestBrowser();
    SignedIn dave = signIn(browser, reports, "dave@acme.com");
    int heard = reportsBackChannel.tokens().size();
    reportsBackChannel.stop();
    assertThat(browser.post(broker.baseUrl + "/logout", Map.of(), "Accept", "application/json").statusCode())
        .isEqualTo(204);
    awaitSettled(dave);
    for (int second = 0; second < 30; second += 5) {
      clock.advance(Duration.ofSeconds(5));
      awaitSettled(dave);
    }
    long attempts = broker.count("select attempts from edge.backchannel_logouts where sid = '" + dave.sid() + "'");
    assertThat(attempts).as("tried again while the product was down, backing off: 1 2 4 8 16 s").isBetween(4L, 6L);
    assertThat(reportsBackChannel.tokens()).hasSize(heard);

    reportsBackChannel.start();
    clock.advance(Duration.ofSeconds(17));
    assertLogoutToken(reportsBackChannel, "reports", dave);
    awaitCount("select 1 - count(*) from edge.backchannel_logouts where sid = '" + dave.sid() + "'", 1);
  }

  // ---- helpers ----

  /** A product's sign-in and what it got. */
  private record SignedIn(OIDCTokens tokens, IDTokenClaimsSet claims) {
    String userId() {
      return claims.getSubject().getValue();
    }

    String sid() {
      return claims.getSessionID().getValue();
    }
  }

  private static SignedIn signIn(TestBrowser browser, ProductRp rp, String email) throws Exception {
    idp.user(email + "-sub", Map.of("email", email, "name", email));
    ProductRp.Request request = rp.request(builder -> builder.loginHint(email));
    HttpResponse<String> start = browser.get(request.uri().toString());
    assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
    HttpResponse<String> idpAnswer = browser.get(TestBrowser.location(start));
    HttpResponse<String> callback = browser.get(TestBrowser.location(idpAnswer));
    assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
    return redeem(rp, request, TestBrowser.location(callback));
  }

  /** A second product, served by the browser's broker session. */
  private static SignedIn signInAgain(TestBrowser browser, ProductRp rp, SignedIn first) throws Exception {
    ProductRp.Request request = rp.request();
    HttpResponse<String> answer = browser.get(request.uri().toString());
    assertThat(answer.statusCode()).isEqualTo(302);
    SignedIn again = redeem(rp, request, TestBrowser.location(answer));
    assertThat(again.sid()).isEqualTo(first.sid());
    return again;
  }

  private static SignedIn redeem(ProductRp rp, ProductRp.Request request, String location) throws Exception {
    OIDCTokens tokens = tokens(rp.redeem(rp.code(request, location), request.verifier()));
    return new SignedIn(tokens, rp.validate(tokens.getIDTokenString(), request.nonce()));
  }

  private static OIDCTokens tokens(HTTPResponse answer) throws Exception {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
    return OIDCTokenResponse.parse(answer).getOIDCTokens();
  }

  private static void assertGrantError(HTTPResponse answer, String error) throws Exception {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(400);
    assertThat(answer.getContentAsJSONObject().get("error")).isEqualTo(error);
  }

  private static JsonObject introspection(HTTPResponse answer) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
    return new JsonObject(answer.getBody());
  }

  private static boolean active(HTTPResponse answer) {
    return introspection(answer).getBoolean("active");
  }

  /** The receiver got a logout token for the session, once, and it is as a product checks it. */
  private static void assertLogoutToken(BackChannelReceiver receiver, String clientId, SignedIn session)
      throws Exception {
    String token = receiver.awaitFor(session.sid(), Duration.ofSeconds(20));
    assertThat(receiver.tokens().stream().filter(one -> session.sid().equals(BackChannelReceiver.sidOf(one))))
        .as("at most once per client and session").hasSize(1);
    assertLogoutToken(token, clientId, session);
  }

  /** A logout token as a product checks it (Back-Channel Logout 1.0, 2.6): signature by the JWKS, claims, type. */
  private static void assertLogoutToken(String token, String clientId, SignedIn session) throws Exception {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256),
        JWKSourceBuilder.create(new URL(broker.baseUrl + "/oauth2/jwks")).build()));
    processor.setJWTClaimsSetVerifier((claims, context) -> { });
    JWTClaimsSet claims = processor.process(token, null);
    assertThat(claims.getIssuer()).isEqualTo(broker.baseUrl);
    assertThat(claims.getAudience()).containsExactly(clientId);
    assertThat(claims.getSubject()).isEqualTo(session.userId());
    assertThat(claims.getStringClaim("sid")).isEqualTo(session.sid());
    assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys("http://schemas.openid.net/event/backchannel-logout");
    assertThat(claims.getClaim("nonce")).as("forbidden in a logout token").isNull();
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getIssueTime()).isNotNull();
  }

  private static String endSession(Map<String, String> parameters) {
    StringBuilder query = new StringBuilder();
    parameters.forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return broker.baseUrl + "/oauth2/logout" + query;
  }

  private static JsonObject lastEvent(String type, String sid) {
    List<JsonObject> events = audit.await(event -> type.equals(event.getString("type"))
        && sid.equals(event.getJsonObject("details", new JsonObject()).getString("sid")), 1, Duration.ofSeconds(20));
    return events.get(events.size() - 1);
  }

  /** Waits until the session's back-channel logout failed and waits for a later time than the broker's clock. */
  private static void awaitSettled(SignedIn session) throws InterruptedException {
    Instant now = clock.instant();
    awaitCount("select count(*) from edge.backchannel_logouts where sid = '" + session.sid()
        + "' and last_error is not null and next_attempt_at > '" + now + "' and next_attempt_at < '"
        + now.plusSeconds(30) + "'", 1);
  }

  private static void awaitCount(String sql, long atLeast) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (broker.count(sql) < atLeast) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(sql + " stayed below " + atLeast + ": " + broker.count(sql));
      }
      Thread.sleep(50);
    }
  }

  private static void ok(HttpResponse<String> answer, int status) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
  }
}
