package io.ssobroker.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import io.ssobroker.app.login.AdminClient;
import io.ssobroker.app.login.AuditTopicReader;
import io.ssobroker.app.login.LoginBroker;
import io.ssobroker.app.login.LoginTestEnvironment;
import io.ssobroker.app.login.TestBrowser;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as its products' OpenID Provider, end to end against the whole broker and a programmable upstream IdP:
 * sign-in with and without a login hint, single sign-on into a second product, prompt and max_age, and the hostile
 * cases of issue 17 (unregistered redirect URIs, replayed, foreign, expired and PKCE-less codes, wrong secrets, unknown
 * clients, prompt=none without a session, allowedOrgs, a disabled user with a live session). Each refusal asserts the
 * answer, its audit event, and that no token was issued.
 */
class OpenIdProviderIT {

  @TempDir
  static Path work;

  private static final String TOKEN = "provider-admin-token-0123456789abcdef";
  private static final String ANALYTICS_SECRET = "analytics-secret-0123456789abcdefghijklmnop";
  private static final URI ANALYTICS = URI.create("http://127.0.0.1:7001/callback");
  private static final URI REPORTS = URI.create("http://localhost:7002/cb");
  private static final URI ACME_ONLY = URI.create("http://127.0.0.2:7003/cb");

  private static final MovableClock clock = new MovableClock(Instant.now());
  private static final LoginTestEnvironment environment = new LoginTestEnvironment().withClock(clock);
  private static TestIdp idp;
  private static LoginBroker broker;
  private static AuditTopicReader audit;
  private static AdminClient admin;
  private static ProductRp analytics;
  private static ProductRp reports;
  private static ProductRp acmeOnly;

  @BeforeAll
  static void start() throws Exception {
    idp = environment.idp("/idp").client("app", "secret");
    String connectors = """
        {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%1$s", "clientId": "app", "clientSecret": "secret"}}],
         "beta": [{"kind": "oidc", "domains": ["beta.com"],
                   "parameters": {"discoveryEndpoint": "%1$s", "clientId": "app", "clientSecret": "secret"}}]}
        """.formatted(idp.discoveryUrl());
    Path clients = work.resolve("clients.json");
    Files.writeString(clients, """
        {"analytics": {"name": "Analytics", "type": "confidential", "clientSecret": "${env:ANALYTICS_SECRET}",
                       "redirectUris": ["%s"]},
         "reports": {"name": "Reports", "type": "public", "redirectUris": ["%s"], "idTokenSigningAlg": "RS256",
                     "accessTokenAudience": "https://reports.example.com/api"},
         "acme-only": {"name": "Acme only", "type": "public", "redirectUris": ["%s"], "allowedOrgs": ["acme"]}}
        """.formatted(ANALYTICS, REPORTS, ACME_ONLY));
    environment.startBroker(work, connectors, """
        {"email": "alice@acme.com", "name": "Alice Doe", "org": "acme"}
        {"email": "bob@beta.com", "name": "Bob", "org": "beta"}
        {"email": "carol@acme.com", "name": "Carol", "org": "acme"}
        {"email": "dave@acme.com", "name": "Dave", "org": "acme"}
        """, Map.of("ANALYTICS_SECRET", ANALYTICS_SECRET), "--admin-token", TOKEN, "--clients-file", clients.toString());
    broker = environment.broker();
    audit = environment.audit();
    admin = new AdminClient(broker.adminPort, TOKEN);
    analytics = new ProductRp(broker.baseUrl, "analytics", Optional.of(ANALYTICS_SECRET), ANALYTICS);
    reports = new ProductRp(broker.baseUrl, "reports", Optional.empty(), REPORTS);
    acmeOnly = new ProductRp(broker.baseUrl, "acme-only", Optional.empty(), ACME_ONLY);
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  // ---- discovery ----

  @Test
  void discoveryDescribesExactlyWhatIsImplemented() throws Exception {
    HttpResponse<String> answer = new TestBrowser().get(broker.baseUrl + "/.well-known/openid-configuration");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    JsonObject metadata = new JsonObject(answer.body());
    assertThat(metadata.getString("issuer")).isEqualTo(broker.baseUrl);
    assertThat(metadata.getString("authorization_endpoint")).isEqualTo(broker.baseUrl + "/oauth2/authorize");
    assertThat(metadata.getString("token_endpoint")).isEqualTo(broker.baseUrl + "/oauth2/token");
    assertThat(metadata.getString("userinfo_endpoint")).isEqualTo(broker.baseUrl + "/oauth2/userinfo");
    assertThat(metadata.getString("jwks_uri")).isEqualTo(broker.baseUrl + "/oauth2/jwks");
    assertThat(metadata.getJsonArray("response_types_supported")).containsExactly("code");
    assertThat(metadata.getJsonArray("grant_types_supported")).containsExactly("authorization_code", "refresh_token");
    assertThat(metadata.getString("introspection_endpoint")).isEqualTo(broker.baseUrl + "/oauth2/introspect");
    assertThat(metadata.getJsonArray("introspection_endpoint_auth_methods_supported"))
        .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
    assertThat(metadata.getString("revocation_endpoint")).isEqualTo(broker.baseUrl + "/oauth2/revoke");
    assertThat(metadata.getString("end_session_endpoint")).isEqualTo(broker.baseUrl + "/oauth2/logout");
    assertThat(metadata.getBoolean("backchannel_logout_supported")).isTrue();
    assertThat(metadata.getBoolean("backchannel_logout_session_supported")).isTrue();
    assertThat(metadata.getJsonArray("code_challenge_methods_supported")).containsExactly("S256");
    assertThat(metadata.getJsonArray("token_endpoint_auth_methods_supported"))
        .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
    assertThat(metadata.getJsonArray("id_token_signing_alg_values_supported")).containsExactlyInAnyOrder("ES256", "RS256");
    assertThat(metadata.getBoolean("authorization_response_iss_parameter_supported")).isTrue();
    assertThat(metadata.getBoolean("request_parameter_supported", false)).as("absent means false").isFalse();
    assertThat(metadata.getBoolean("request_uri_parameter_supported"))
        .as("absent would mean true (OpenID Connect Discovery 1.0, 3)").isFalse();

    HttpResponse<String> jwks = new TestBrowser().get(broker.baseUrl + "/oauth2/jwks");
    assertThat(jwks.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    JWKSet keys = JWKSet.parse(jwks.body());
    assertThat(keys.getKeys()).as("current and next key of each algorithm").hasSizeGreaterThanOrEqualTo(4)
        .allMatch(key -> !key.isPrivate() && key.getKeyID() != null);
    assertThat(keys.getKeys().stream().map(key -> key.getAlgorithm().getName()).distinct())
        .containsExactlyInAnyOrder("ES256", "RS256");
  }

  // ---- sign-in ----

  @Test
  void aProductSignsInWithALoginHintStraightAtTheIdpAndGetsVerifiableTokens() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request request = analytics.request(builder -> builder.loginHint("alice@acme.com"));
    String location = signIn(browser, request, "alice@acme.com");
    AuthorizationCode code = analytics.code(request, location);

    HTTPResponse answer = analytics.redeem(code, request.verifier());
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
    assertThat(answer.getHeaderValue("Cache-Control")).isEqualTo("no-store");
    OIDCTokenResponse tokens = OIDCTokenResponse.parse(answer);
    String idToken = tokens.getOIDCTokens().getIDTokenString();
    IDTokenClaimsSet claims = analytics.validate(idToken, request.nonce());

    JsonObject succeeded = audit.await(event -> "login.succeeded".equals(event.getString("type"))
        && "alice@acme.com".equals(event.getString("email"))
        && "analytics".equals(event.getJsonObject("details", new JsonObject()).getString("clientId")), 1,
        Duration.ofSeconds(20)).get(0);
    assertThat(claims.getSubject().getValue()).as("sub: the directory user id").isEqualTo(succeeded.getString("userId"));
    assertThat(claims.getAudience()).extracting(Object::toString).containsExactly("analytics");
    assertThat(claims.getStringClaim("email")).isEqualTo("alice@acme.com");
    assertThat(claims.getBooleanClaim("email_verified")).isTrue();
    assertThat(claims.getStringClaim("name")).isEqualTo("Alice Doe");
    assertThat(claims.getStringClaim("org")).isEqualTo("acme");
    assertThat(claims.getSessionID()).isNotNull();
    assertThat(claims.getAuthenticationTime()).isNotNull();
    assertThat(claims.getACR().getValue()).isEqualTo("urn:sso-broker:connector:oidc");
    assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("fed");
    SignedJWT signed = SignedJWT.parse(idToken);
    assertThat(signed.getHeader().getAlgorithm()).as("the default algorithm").isEqualTo(JWSAlgorithm.ES256);
    assertThat(signed.getHeader().getKeyID()).isNotBlank();

    String accessToken = tokens.getOIDCTokens().getAccessToken().getValue();
    SignedJWT access = SignedJWT.parse(accessToken);
    assertThat(access.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
    assertThat(access.getJWTClaimsSet().getAudience()).containsExactly("analytics");
    assertThat(access.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("analytics");
    assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(claims.getSubject().getValue());

    HttpResponse<String> userInfo = new TestBrowser().get(broker.baseUrl + "/oauth2/userinfo",
        "Authorization", "Bearer " + accessToken);
    assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
    JsonObject info = new JsonObject(userInfo.body());
    assertThat(info.getString("sub")).isEqualTo(claims.getSubject().getValue());
    assertThat(info.getString("email")).isEqualTo("alice@acme.com");
    assertThat(info.getString("org")).isEqualTo("acme");

    JsonObject issued = audit.await(event -> "token.issued".equals(event.getString("type"))
        && claims.getSessionID().getValue().equals(event.getJsonObject("details").getString("sid")), 1,
        Duration.ofSeconds(20)).get(0);
    assertThat(issued.getString("userId")).isEqualTo(claims.getSubject().getValue());
    assertThat(issued.getString("org")).isEqualTo("acme");
    assertThat(issued.getJsonObject("details").getString("clientId")).isEqualTo("analytics");
    assertThat(issued.getJsonObject("details").getString("grant")).isEqualTo("authorization_code");
    assertThat(issued.getJsonObject("details").getString("sid")).isEqualTo(claims.getSessionID().getValue());
    assertNoSecretIn(List.of(issued, succeeded), code.getValue(), idToken, accessToken, ANALYTICS_SECRET);
  }

  @Test
  void withoutALoginHintTheEmailPageCarriesTheRequestThroughTheLogin() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request request = analytics.request();
    HttpResponse<String> page = browser.get(request.uri().toString());
    assertThat(page.statusCode()).isEqualTo(200);
    String sealed = page.body().replaceAll("(?s).*name=\"authorization\" value=\"([^\"]+)\".*", "$1");
    assertThat(sealed).as("the request rides the email form, sealed").doesNotContain("<").hasSizeGreaterThan(40);

    idp.user("dave-sub", Map.of("email", "dave@acme.com", "name", "Dave"));
    HttpResponse<String> start = browser.post(broker.baseUrl + "/login",
        Map.of("email", "dave@acme.com", "authorization", sealed));
    assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
    assertThat(TestBrowser.location(start)).startsWith(idp.authorizationEndpoint());
    String location = finishAtIdp(browser, TestBrowser.location(start));
    HTTPResponse answer = analytics.redeem(analytics.code(request, location), request.verifier());
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
    assertThat(analytics.validate(OIDCTokenResponse.parse(answer).getOIDCTokens().getIDTokenString(), request.nonce())
        .getStringClaim("email")).isEqualTo("dave@acme.com");

    HttpResponse<String> tampered = new TestBrowser().post(broker.baseUrl + "/login",
        Map.of("email", "dave@acme.com", "authorization", sealed.substring(0, sealed.length() - 4) + "AAAA"));
    assertThat(tampered.statusCode()).isEqualTo(400);
    assertThat(tampered.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void aSecondProductOnAnotherOriginGetsItsCodeAtOnceWithTheSameSession() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request first = analytics.request(builder -> builder.loginHint("alice@acme.com"));
    IDTokenClaimsSet atAnalytics = tokensFor(analytics, first, signIn(browser, first, "alice@acme.com"));

    long startedBefore = loginsStarted();
    ProductRp.Request second = reports.request();
    HttpResponse<String> answer = browser.get(second.uri().toString());
    assertThat(answer.statusCode()).isEqualTo(302);
    String location = TestBrowser.location(answer);
    assertThat(location).as("straight back to the product, no IdP round trip").startsWith(REPORTS + "?code=");
    HTTPResponse redeemed = reports.redeem(reports.code(second, location), second.verifier());
    assertThat(redeemed.getStatusCode()).as(redeemed.getBody()).isEqualTo(200);
    OIDCTokenResponse tokens = OIDCTokenResponse.parse(redeemed);
    IDTokenClaimsSet atReports = reports.validate(tokens.getOIDCTokens().getIDTokenString(), second.nonce());

    assertThat(atReports.getSubject()).isEqualTo(atAnalytics.getSubject());
    assertThat(atReports.getSessionID()).isEqualTo(atAnalytics.getSessionID());
    assertThat(atReports.getAuthenticationTime()).isEqualTo(atAnalytics.getAuthenticationTime());
    assertThat(SignedJWT.parse(tokens.getOIDCTokens().getIDTokenString()).getHeader().getAlgorithm())
        .as("the client's algorithm").isEqualTo(JWSAlgorithm.RS256);
    assertThat(SignedJWT.parse(tokens.getOIDCTokens().getAccessToken().getValue()).getJWTClaimsSet().getAudience())
        .containsExactly("https://reports.example.com/api");
    assertThat(loginsStarted()).as("no new login").isEqualTo(startedBefore);
  }

  @Test
  void promptLoginAndAnExceededMaxAgeSendTheUserToTheIdpAgain() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request first = analytics.request(builder -> builder.loginHint("alice@acme.com"));
    tokensFor(analytics, first, signIn(browser, first, "alice@acme.com"));

    HttpResponse<String> forced = browser.get(reports.request(builder -> builder.prompt(new Prompt(Prompt.Type.LOGIN))
        .loginHint("alice@acme.com")).uri().toString());
    assertThat(TestBrowser.location(forced)).startsWith(idp.authorizationEndpoint());

    clock.advance(Duration.ofSeconds(5));
    HttpResponse<String> tooOld = browser.get(reports.request(builder -> builder.maxAge(1)
        .loginHint("alice@acme.com")).uri().toString());
    assertThat(TestBrowser.location(tooOld)).startsWith(idp.authorizationEndpoint());

    HttpResponse<String> young = browser.get(reports.request(builder -> builder.maxAge(3600)).uri().toString());
    assertThat(TestBrowser.location(young)).startsWith(REPORTS + "?code=");
  }

  @Test
  void theTestApplicationSignsInThroughTheAuthorizationEndpointLikeAProduct() throws Exception {
    TestBrowser browser = new TestBrowser();
    HttpResponse<String> start = browser.get(broker.baseUrl + "/test-app/login?email=alice@acme.com");
    assertThat(start.statusCode()).isEqualTo(302);
    String authorize = TestBrowser.location(start);
    assertThat(authorize).startsWith("/oauth2/authorize?").contains("client_id=sso-test-app")
        .contains("code_challenge_method=S256").contains("login_hint=alice%40acme.com");
    idp.user("alice-sub", Map.of("email", "alice@acme.com", "name", "Alice Doe"));
    HttpResponse<String> page = browser.follow(start, null);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("Connected as <strong>alice@acme.com</strong>").contains("acme");
    assertThat(browser.visited()).anyMatch(uri -> uri.getPath().equals("/test-app/callback"));

    JsonObject clients = new JsonObject(ok(admin.call("GET", "/admin/v1/clients", null), 200));
    JsonObject testApp = clients.getJsonArray("clients").stream().map(JsonObject.class::cast)
        .filter(client -> "sso-test-app".equals(client.getString("clientId"))).findFirst().orElseThrow();
    assertThat(testApp.getString("source")).isEqualTo("broker");
    assertThat(testApp.getJsonArray("redirectUris")).containsExactly(broker.baseUrl + "/test-app/callback");
    HttpResponse<String> builtIn = admin.call("DELETE", "/admin/v1/clients/sso-test-app", null);
    assertThat(builtIn.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(builtIn.body()).getString("detail")).isNotBlank();
  }

  // ---- hostile: the request ----

  @Test
  void anUnregisteredRedirectUriIsNeverFollowed() throws Exception {
    for (String attack : List.of(ANALYTICS + "/", "http://127.0.0.1:7009/callback", "http://127.0.0.1:7001/other",
        "javascript:alert(1)", "http://evil.example/callback", ANALYTICS + "?x=1", "HTTP://127.0.0.1:7001/callback")) {
      ProductRp.Request request = analytics.request();
      String uri = request.uri().toString().replace(enc(ANALYTICS.toString()), enc(attack));
      assertThat(uri).contains(enc(attack));
      HttpResponse<String> answer = new TestBrowser().get(uri);
      assertThat(answer.statusCode()).as(attack).isEqualTo(400);
      assertThat(answer.headers().firstValue("Location")).as(attack).isEmpty();
      assertThat(answer.body()).as(attack).contains("redirect_uri_not_registered").doesNotContain(attack);
      String reference = answer.body().replaceAll("(?s).*Support reference: <code>([^<]+)</code>.*", "$1");
      JsonObject event = audit.event(reference);
      assertThat(event.getString("type")).isEqualTo("authorize.failed");
      assertThat(event.getString("reason")).isEqualTo("redirect_uri_not_registered");
      assertThat(event.getJsonObject("details").getString("clientId")).isEqualTo("analytics");
    }
  }

  @Test
  void anUnknownClientGetsAnErrorPageAndNoRedirect() throws Exception {
    ProductRp stranger = new ProductRp(broker.baseUrl, "stranger", Optional.empty(), ANALYTICS);
    HttpResponse<String> answer = new TestBrowser().get(stranger.request().uri().toString());
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Location")).isEmpty();
    assertThat(answer.body()).contains("unknown_client");
    assertThat(audit.await(event -> "authorize.failed".equals(event.getString("type"))
        && "unknown_client".equals(event.getString("reason"))
        && "stranger".equals(event.getJsonObject("details").getString("clientId")), 1, Duration.ofSeconds(20)))
        .hasSize(1);

    HTTPResponse token = stranger.redeem(new AuthorizationCode("x".repeat(43)), new CodeVerifier());
    assertThat(token.getStatusCode()).isEqualTo(401);
    assertThat(token.getContentAsJSONObject().get("error")).isEqualTo("invalid_client");
    assertTokenFailed("unknown_client", "stranger");
  }

  @Test
  void aPlainPkceChallengeAndAPublicClientWithoutPkceAreToldTheirError() throws Exception {
    ProductRp.Request request = reports.request();
    String plain = request.uri().toString().replace("code_challenge_method=S256", "code_challenge_method=plain");
    Map<String, String> error = redirectedError(plain, REPORTS);
    assertThat(error).containsEntry("error", "invalid_request").containsEntry("state", request.state().getValue())
        .containsEntry("iss", broker.baseUrl);
    assertAuthorizeFailed("pkce_method_not_supported", "reports");

    String withoutPkce = request.uri().toString().replaceAll("&code_challenge(_method)?=[^&]*", "");
    assertThat(redirectedError(withoutPkce, REPORTS)).containsEntry("error", "invalid_request");
    assertAuthorizeFailed("pkce_required", "reports");

    String implicit = request.uri().toString().replace("response_type=code", "response_type=id_token");
    assertThat(redirectedError(implicit, REPORTS)).containsEntry("error", "unsupported_response_type");
    assertAuthorizeFailed("unsupported_response_type", "reports");

    String requestObject = request.uri() + "&request=eyJhbGciOiJub25lIn0.e30.";
    assertThat(redirectedError(requestObject, REPORTS)).containsEntry("error", "request_not_supported");
  }

  @Test
  void promptNoneWithoutASessionAnswersLoginRequired() throws Exception {
    long codes = broker.count("select count(*) from edge.authorization_codes");
    ProductRp.Request request = analytics.request(builder -> builder.prompt(new Prompt(Prompt.Type.NONE)));
    Map<String, String> error = redirectedError(request.uri().toString(), ANALYTICS);
    assertThat(error).containsEntry("error", "login_required").containsEntry("state", request.state().getValue())
        .containsEntry("iss", broker.baseUrl);
    assertAuthorizeFailed("login_required", "analytics");
    assertThat(broker.count("select count(*) from edge.authorization_codes")).isEqualTo(codes);
  }

  @Test
  void aClientThatDoesNotAllowTheUsersOrgGetsNoCode() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request first = analytics.request(builder -> builder.loginHint("bob@beta.com"));
    tokensFor(analytics, first, signIn(browser, first, "bob@beta.com"));
    long codes = broker.count("select count(*) from edge.authorization_codes");

    ProductRp.Request withSession = acmeOnly.request();
    Map<String, String> error = redirectedError(browser, withSession.uri().toString(), ACME_ONLY);
    assertThat(error).containsEntry("error", "access_denied");
    JsonObject event = assertAuthorizeFailed("org_not_allowed_for_client", "acme-only");
    assertThat(event.getString("org")).isEqualTo("beta");

    TestBrowser fresh = new TestBrowser();
    idp.user("bob-sub", Map.of("email", "bob@beta.com"));
    HttpResponse<String> start = fresh.get(acmeOnly.request(builder -> builder.loginHint("bob@beta.com"))
        .uri().toString());
    HttpResponse<String> idpAnswer = fresh.get(TestBrowser.location(start));
    HttpResponse<String> callback = fresh.get(TestBrowser.location(idpAnswer), "Accept", "application/json");
    assertThat(callback.statusCode()).isEqualTo(403);
    JsonObject body = new JsonObject(callback.body());
    assertThat(body.getString("error")).isEqualTo("USER_NOT_ALLOWED");
    assertThat(body.getString("reason")).isEqualTo("org_not_allowed_for_client");
    JsonObject failed = audit.event(body.getString("reference"));
    assertThat(failed.getJsonObject("details").getString("clientId")).isEqualTo("acme-only");
    assertThat(broker.count("select count(*) from edge.authorization_codes")).isEqualTo(codes);
  }

  @Test
  void aDisabledUserWithALiveBrokerSessionGetsNoCode() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request first = analytics.request(builder -> builder.loginHint("carol@acme.com"));
    IDTokenClaimsSet claims = tokensFor(analytics, first, signIn(browser, first, "carol@acme.com"));
    ProductRp.Request pending = reports.request();
    String unredeemed = TestBrowser.location(browser.get(pending.uri().toString()));
    AuthorizationCode code = reports.code(pending, unredeemed);

    String userId = claims.getSubject().getValue();
    ok(admin.call("PUT", "/admin/v1/orgs/acme/users/" + userId,
        "{\"email\": \"carol@acme.com\", \"name\": \"Carol\", \"status\": \"disabled\"}"), 200);
    long codes = broker.count("select count(*) from edge.authorization_codes");

    Map<String, String> error = redirectedError(browser,
        reports.request(builder -> builder.prompt(new Prompt(Prompt.Type.NONE))).uri().toString(), REPORTS);
    assertThat(error).containsEntry("error", "login_required");
    assertAuthorizeFailed("login_required", "reports");
    HttpResponse<String> withoutPrompt = browser.get(reports.request().uri().toString());
    assertThat(withoutPrompt.statusCode()).as("the email page, not a code").isEqualTo(200);
    assertThat(broker.count("select count(*) from edge.authorization_codes")).isEqualTo(codes);

    HTTPResponse late = reports.redeem(code, pending.verifier());
    assertThat(late.getStatusCode()).isEqualTo(400);
    assertThat(late.getContentAsJSONObject().get("error")).isEqualTo("invalid_grant");
    assertTokenFailed("session_ended", "reports");
    assertThat(issuedTokensOf(userId)).as("only the first product's token").isEqualTo(1);
  }

  // ---- hostile: the code ----

  @Test
  void aReplayedCodeFailsAndRevokesWhatItsFirstRedemptionIssued() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request request = analytics.request(builder -> builder.loginHint("alice@acme.com"));
    AuthorizationCode code = analytics.code(request, signIn(browser, request, "alice@acme.com"));
    HTTPResponse first = analytics.redeem(code, request.verifier());
    assertThat(first.getStatusCode()).isEqualTo(200);
    String accessToken = OIDCTokenResponse.parse(first).getOIDCTokens().getAccessToken().getValue();
    assertThat(userInfo(accessToken).statusCode()).isEqualTo(200);

    HTTPResponse second = analytics.redeem(code, request.verifier());
    assertThat(second.getStatusCode()).isEqualTo(400);
    assertThat(second.getContentAsJSONObject().get("error")).isEqualTo("invalid_grant");
    JsonObject reuse = audit.await(event -> "token.reuse_detected".equals(event.getString("type"))
        && "analytics".equals(event.getJsonObject("details").getString("clientId")), 1, Duration.ofSeconds(20)).get(0);
    assertThat(reuse.getString("reason")).isEqualTo("code_reused");
    assertThat(reuse.getString("email")).isEqualTo("alice@acme.com");

    HttpResponse<String> revoked = userInfo(accessToken);
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(revoked.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
  }

  @Test
  void aCodeRedeemedByAnotherClientIsRefusedAndSpent() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request request = reports.request(builder -> builder.loginHint("alice@acme.com"));
    AuthorizationCode code = reports.code(request, signIn(browser, request, "alice@acme.com"));
    ProductRp impostor = new ProductRp(broker.baseUrl, "acme-only", Optional.empty(), REPORTS);
    long issuedBefore = broker.count("select count(*) from edge.issued_tokens");

    HTTPResponse stolen = impostor.redeem(code, request.verifier());
    assertThat(stolen.getStatusCode()).isEqualTo(400);
    assertThat(stolen.getContentAsJSONObject().get("error")).isEqualTo("invalid_grant");
    assertTokenFailed("client_mismatch", "acme-only");
    assertThat(reports.redeem(code, request.verifier()).getStatusCode()).as("spent").isEqualTo(400);
    assertThat(broker.count("select count(*) from edge.issued_tokens")).isEqualTo(issuedBefore);
  }

  @Test
  void aWrongOrMissingPkceVerifierGetsNoTokens() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request request = reports.request(builder -> builder.loginHint("alice@acme.com"));
    AuthorizationCode wrong = reports.code(request, signIn(browser, request, "alice@acme.com"));
    long issuedBefore = broker.count("select count(*) from edge.issued_tokens");
    HTTPResponse answer = reports.redeem(wrong, new CodeVerifier());
    assertThat(answer.getStatusCode()).isEqualTo(400);
    assertThat(answer.getContentAsJSONObject().get("error")).isEqualTo("invalid_grant");
    assertTokenFailed("pkce_verifier_mismatch", "reports");

    ProductRp.Request again = reports.request();
    AuthorizationCode missing = reports.code(again, TestBrowser.location(browser.get(again.uri().toString())));
    assertThat(reports.redeem(missing, null).getStatusCode()).isEqualTo(400);
    assertTokenFailed("pkce_verifier_missing", "reports");
    assertThat(broker.count("select count(*) from edge.issued_tokens")).isEqualTo(issuedBefore);
    assertThat(CodeChallenge.compute(com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256, request.verifier()))
        .isNotNull();
  }

  @Test
  void aWrongClientSecretIsRefusedWithABasicChallenge() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request request = analytics.request(builder -> builder.loginHint("alice@acme.com"));
    AuthorizationCode code = analytics.code(request, signIn(browser, request, "alice@acme.com"));
    ProductRp forger = new ProductRp(broker.baseUrl, "analytics", Optional.of("not-the-secret"), ANALYTICS);
    long issuedBefore = broker.count("select count(*) from edge.issued_tokens");

    HTTPResponse answer = forger.redeem(code, request.verifier());
    assertThat(answer.getStatusCode()).isEqualTo(401);
    assertThat(answer.getContentAsJSONObject().get("error")).isEqualTo("invalid_client");
    assertThat(answer.getHeaderValue("WWW-Authenticate")).startsWith("Basic");
    assertTokenFailed("client_authentication_failed", "analytics");
    assertThat(broker.count("select count(*) from edge.issued_tokens")).isEqualTo(issuedBefore);
    assertThat(analytics.redeem(code, request.verifier()).getStatusCode()).as("the code is not spent").isEqualTo(200);
  }

  @Test
  void anExpiredCodeIsRefused() throws Exception {
    TestBrowser browser = new TestBrowser();
    ProductRp.Request request = analytics.request(builder -> builder.loginHint("alice@acme.com"));
    AuthorizationCode code = analytics.code(request, signIn(browser, request, "alice@acme.com"));
    long issuedBefore = broker.count("select count(*) from edge.issued_tokens");
    clock.advance(Duration.ofSeconds(61));
    try {
      HTTPResponse answer = analytics.redeem(code, request.verifier());
      assertThat(answer.getStatusCode()).isEqualTo(400);
      assertThat(answer.getContentAsJSONObject().get("error")).isEqualTo("invalid_grant");
      assertTokenFailed("code_expired", "analytics");
      assertThat(broker.count("select count(*) from edge.issued_tokens")).isEqualTo(issuedBefore);
    } finally {
      clock.advance(Duration.ofSeconds(-61));
    }
  }

  // ---- keys and clients ----

  @Test
  void aRotatedKeyWasPublishedBeforeItSignsAndTheOldOneStaysPublished() throws Exception {
    JWKSet before = JWKSet.parse(new TestBrowser().get(broker.baseUrl + "/oauth2/jwks").body());
    TestBrowser browser = new TestBrowser();
    ProductRp.Request request = analytics.request(builder -> builder.loginHint("alice@acme.com"));
    String oldKid = SignedJWT.parse(redeemedIdToken(analytics, request, signIn(browser, request, "alice@acme.com")))
        .getHeader().getKeyID();

    JsonObject rotated = new JsonObject(ok(admin.call("POST", "/admin/v1/signing-keys/rotate", null), 200));
    assertThat(rotated.getJsonArray("keys")).isNotEmpty();
    ProductRp.Request next = analytics.request();
    String newKid = SignedJWT.parse(redeemedIdToken(analytics, next,
        TestBrowser.location(browser.get(next.uri().toString())))).getHeader().getKeyID();

    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(before.getKeyByKeyId(newKid)).as("published before it signed").isNotNull();
    JWKSet after = JWKSet.parse(new TestBrowser().get(broker.baseUrl + "/oauth2/jwks").body());
    assertThat(after.getKeyByKeyId(oldKid)).as("still published for the tokens it signed").isNotNull();
    assertThat(audit.await(event -> "admin.signing_keys.rotated".equals(event.getString("type")), 1,
        Duration.ofSeconds(20))).isNotEmpty().allSatisfy(event -> assertThat(event.encode()).doesNotContain("\"d\""));
  }

  @Test
  void clientsAreManagedByPlatformAdminsWithTheSecretShownOnce() throws Exception {
    String created = ok(admin.call("POST", "/admin/v1/clients", new JsonObject().put("clientId", "billing")
        .put("name", "Billing").put("type", "confidential")
        .put("redirectUris", new JsonArray().add("https://billing.example.com/callback")).encode()), 201);
    JsonObject client = new JsonObject(created);
    String secret = client.getString("clientSecret");
    assertThat(secret).startsWith("ssocs_").hasSizeGreaterThanOrEqualTo(49);
    assertThat(ok(admin.call("GET", "/admin/v1/clients/billing", null), 200)).doesNotContain(secret)
        .doesNotContain("clientSecret").doesNotContain("secretHash");
    HttpResponse<String> plainHttp = admin.call("POST", "/admin/v1/clients", new JsonObject().put("name", "Bad")
        .put("type", "public").put("redirectUris", new JsonArray().add("http://billing.example.com/callback")).encode());
    assertThat(plainHttp.statusCode()).as("plain http only on loopback").isEqualTo(400);
    assertThat(new JsonObject(plainHttp.body()).getString("field")).isEqualTo("redirectUris[0]");
    HttpResponse<String> fileClient = admin.call("PUT", "/admin/v1/clients/analytics", new JsonObject().put("name", "X")
        .put("type", "confidential").put("redirectUris", new JsonArray().add(ANALYTICS.toString())).encode());
    assertThat(fileClient.statusCode()).as("file clients are read-only").isEqualTo(409);
    assertThat(new JsonObject(fileClient.body()).getString("detail")).contains("file");

    String rotated = new JsonObject(ok(admin.call("POST", "/admin/v1/clients/billing/secret", null), 200))
        .getString("clientSecret");
    assertThat(rotated).isNotEqualTo(secret);
    ok(admin.call("DELETE", "/admin/v1/clients/billing", null), 204);
    HttpResponse<String> gone = new TestBrowser().get(new ProductRp(broker.baseUrl, "billing", Optional.empty(),
        URI.create("https://billing.example.com/callback")).request().uri().toString());
    assertThat(gone.statusCode()).isEqualTo(400);

    List<JsonObject> events = audit.await(event -> event.getString("type").startsWith("admin.client.")
        && event.encode().contains("billing"), 3, Duration.ofSeconds(20));
    assertThat(events).extracting(event -> event.getString("type"))
        .contains("admin.client.created", "admin.client.secret_rotated", "admin.client.deleted");
    assertNoSecretIn(events, secret, rotated);
  }

  // ---- helpers ----

  /** The browser signs in at the IdP as this user, from the product's request; answers where it lands. */
  private static String signIn(TestBrowser browser, ProductRp.Request request, String email) throws Exception {
    idp.user(email + "-sub", Map.of("email", email, "name", email.equals("alice@acme.com") ? "Alice Doe" : email));
    HttpResponse<String> start = browser.get(request.uri().toString());
    assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
    String location = TestBrowser.location(start);
    if (location.startsWith(idp.authorizationEndpoint())) {
      return finishAtIdp(browser, location);
    }
    return location;
  }

  private static String finishAtIdp(TestBrowser browser, String idpAuthorization) throws Exception {
    HttpResponse<String> idpAnswer = browser.get(idpAuthorization);
    HttpResponse<String> callback = browser.get(TestBrowser.location(idpAnswer));
    assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
    return TestBrowser.location(callback);
  }

  private static IDTokenClaimsSet tokensFor(ProductRp rp, ProductRp.Request request, String location)
      throws Exception {
    return rp.validate(redeemedIdToken(rp, request, location), request.nonce());
  }

  private static String redeemedIdToken(ProductRp rp, ProductRp.Request request, String location) throws Exception {
    HTTPResponse answer = rp.redeem(rp.code(request, location), request.verifier());
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
    return OIDCTokenResponse.parse(answer).getOIDCTokens().getIDTokenString();
  }

  private static Map<String, String> redirectedError(String uri, URI redirectUri) throws Exception {
    return redirectedError(new TestBrowser(), uri, redirectUri);
  }

  private static Map<String, String> redirectedError(TestBrowser browser, String uri, URI redirectUri)
      throws Exception {
    HttpResponse<String> answer = browser.get(uri);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    String location = TestBrowser.location(answer);
    assertThat(location).startsWith(redirectUri + "?").doesNotContain("code=");
    return ProductRp.errorOf(location);
  }

  private static JsonObject assertAuthorizeFailed(String reason, String clientId) {
    return lastEvent("authorize.failed", reason, clientId);
  }

  private static JsonObject assertTokenFailed(String reason, String clientId) {
    return lastEvent("token.failed", reason, clientId);
  }

  private static JsonObject lastEvent(String type, String reason, String clientId) {
    Predicate<JsonObject> matching = event -> type.equals(event.getString("type"))
        && reason.equals(event.getString("reason"))
        && clientId.equals(event.getJsonObject("details", new JsonObject()).getString("clientId"));
    List<JsonObject> events = audit.await(matching, 1, Duration.ofSeconds(20));
    assertThat(events).as("%s %s of %s", type, reason, clientId).isNotEmpty();
    JsonObject event = events.get(events.size() - 1);
    assertThat(event.getString("category")).isNull();
    assertThat(event.encode()).doesNotContain("eyJ").doesNotContain(ANALYTICS_SECRET);
    return event;
  }

  private static HttpResponse<String> userInfo(String accessToken) throws Exception {
    return new TestBrowser().get(broker.baseUrl + "/oauth2/userinfo", "Authorization", "Bearer " + accessToken);
  }

  private static long loginsStarted() {
    return audit.await(event -> "login.started".equals(event.getString("type")), Integer.MAX_VALUE,
        Duration.ofMillis(500)).size();
  }

  private static long issuedTokensOf(String userId) {
    return broker.count("select count(*) from edge.issued_tokens where user_id = '" + userId + "'");
  }

  private static void assertNoSecretIn(List<JsonObject> events, String... secrets) {
    for (JsonObject event : events) {
      for (String secret : secrets) {
        assertThat(event.encode()).doesNotContain(secret);
      }
    }
  }

  private static String ok(HttpResponse<String> answer, int status) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    return answer.body();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
