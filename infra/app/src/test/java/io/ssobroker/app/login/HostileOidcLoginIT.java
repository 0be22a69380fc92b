package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.CODE_EXCHANGE_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.EMAIL_VALIDATION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.IDENTITY_EXTRACTION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.STATE_INVALID;
import static io.ssobroker.platform.audit.LoginFailureCategory.USER_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.OidcLoginHarness.PendingLogin;
import io.ssobroker.edge.testidp.SigningKey;
import io.ssobroker.edge.testidp.TestIdp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "State, redirects, leakage" and "OAuth and OIDC" cases of HOSTILE.md, each provoked for real against the whole
 * broker with a programmable OpenID Provider that signs with the test's own keys.
 */
class HostileOidcLoginIT {

  @TempDir
  static Path work;

  /** The Entra tenant of the app registration (a SaaS vendor's), which is not one of the org's trusted tenants. */
  private static final String HOME_TENANT = "0b5e4c8a-3d2f-4e71-9a6b-5c4d3e2f1a0b";
  /** contoso's own tenant: the one tenant its multi-tenant connector trusts. */
  private static final String CONTOSO_TENANT = "6f1f8a3c-0c9e-4f0e-9a36-1f2d3c4b5a61";
  private static final String CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static TestIdp idp;
  private static TestIdp entra;
  private static TestIdp google;
  private static LoginBroker broker;
  private static AuditTopicReader audit;
  private static OidcLoginHarness logins;

  @BeforeAll
  static void start() throws Exception {
    idp = environment.idp("/main").client("acme-app", "s3cr:et%+x").client("globex-app", "globex-secret");
    entra = environment.idp("/organizations/v2.0").client("contoso-app", "contoso-secret").entraMultiTenant(true);
    google = environment.idp("/google").client("initech-app", "initech-secret");
    TestIdp misconfigured = environment.idp("/bad").client("bad-app", "bad-secret")
        .discoveryIssuer("http://127.0.0.1:1/another-issuer");
    String connectors = """
        {
          "acme": [{"kind": "oidc", "domains": ["acme.com"],
                    "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "s3cr:et%%+x"}}],
          "globex": [{"kind": "oidc", "domains": ["globex.com"], "emailPattern": "[a-z]+@globex\\\\.com",
                      "parameters": {"discoveryEndpoint": "%s", "clientId": "globex-app", "clientSecret": "globex-secret"}}],
          "contoso": [{"kind": "azure", "domains": ["contoso.com"],
                       "parameters": {"tenantId": "%s", "tenantType": "multi", "allowedTenants": ["%s"],
                                      "clientId": "contoso-app", "clientSecret": "contoso-secret"}}],
          "initech": [{"kind": "google", "domains": ["initech.com"],
                       "parameters": {"hostedDomain": "initech.com", "clientId": "initech-app", "clientSecret": "initech-secret"}}],
          "wrongco": [{"kind": "oidc", "domains": ["wrongco.com"],
                       "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "not-the-secret"}}],
          "badco": [{"kind": "oidc", "domains": ["badco.com"],
                     "parameters": {"discoveryEndpoint": "%s", "clientId": "bad-app", "clientSecret": "bad-secret"}}]
        }
        """.formatted(idp.discoveryUrl(), idp.discoveryUrl(), HOME_TENANT, CONTOSO_TENANT, idp.discoveryUrl(),
        misconfigured.discoveryUrl());
    String users = """
        {"email": "alice@acme.com", "name": "Alice", "org": "acme"}
        {"email": "disabled@acme.com", "name": "Dis Abled", "org": "acme", "status": "disabled"}
        {"email": "moved@acme.com", "name": "Moved", "org": "globex"}
        {"email": "bob.smith@globex.com", "name": "Bob", "org": "globex"}
        {"email": "dan@contoso.com", "name": "Dan", "org": "contoso"}
        {"email": "carol@initech.com", "name": "Carol", "org": "initech"}
        {"email": "user@badco.com", "name": "Bad", "org": "badco"}
        {"email": "user@wrongco.com", "name": "Wrong", "org": "wrongco"}
        """;
    environment.startBroker(work, connectors, users, Map.of(),
        "--idp-azure-authority", entra.baseUrl(), "--idp-google-authority", google.issuer(),
        "--allowed-return-origins", "https://app.example.com");
    broker = environment.broker();
    audit = environment.audit();
    logins = environment.logins();
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  @BeforeEach
  void defaults() {
    idp.reset().user("alice-sub", Map.of("email", "alice@acme.com", "name", "Alice"));
    entra.reset().entraMultiTenant(true).user("dan-sub", Map.of("email", "dan@contoso.com", "tid", CONTOSO_TENANT));
    google.reset().user("carol-sub", Map.of("email", "carol@initech.com", "email_verified", true, "hd", "initech.com"));
  }

  // ---- State, redirects, leakage ----

  @Test
  void callbackWithoutStateIsRejectedBeforeAnyTokenRequest() throws Exception {
    PendingLogin login = logins.begin("alice@acme.com");
    String withoutState = login.callbackUrl().replaceAll("([?&])state=[^&]*&?", "$1");

    logins.assertRejected(login.browser().get(withoutState, "Accept", "application/json"), login.browser(),
        STATE_INVALID, "missing");
    assertThat(idp.tokenRequestCount()).isZero();
  }

  @Test
  void stateWithOneByteChangedOrItsTagCutIsRejected() throws Exception {
    PendingLogin login = logins.begin("alice@acme.com");
    String state = queryParameter(login.callbackUrl(), "state");
    byte[] sealed = Base64.getUrlDecoder().decode(state);
    sealed[sealed.length - 20] ^= 0x40;
    String flipped = Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    String cut = state.substring(0, state.length() - 6);

    logins.assertRejected(login.browser().get(withState(login.callbackUrl(), flipped), "Accept", "application/json"),
        login.browser(), STATE_INVALID, "tampered");
    logins.assertRejected(login.browser().get(withState(login.callbackUrl(), cut), "Accept", "application/json"),
        login.browser(), STATE_INVALID, "tampered");
    assertThat(idp.tokenRequestCount()).isZero();
  }

  @Test
  void replayedCallbackIsRejectedAndOnlyOneSessionExists() throws Exception {
    PendingLogin login = logins.begin("alice@acme.com");
    long before = logins.sessionsOf("alice@acme.com");
    assertThat(logins.finish(login).statusCode()).isEqualTo(302);

    HttpResponse<String> replayed = logins.finish(login);

    assertThat(replayed.statusCode()).isEqualTo(400);
    JsonObject error = new JsonObject(replayed.body());
    assertThat(error.getString("reason")).isEqualTo("replayed");
    assertThat(replayed.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("sso_session="));
    assertThat(audit.event(error.getString("reference")).getString("reason")).isEqualTo("replayed");
    assertThat(logins.sessionsOf("alice@acme.com")).isEqualTo(before + 1);
    assertThat(idp.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void stateCompletedInAnotherBrowserIsRejected() throws Exception {
    PendingLogin login = logins.begin("alice@acme.com");
    TestBrowser otherBrowser = new TestBrowser();

    logins.assertRejected(otherBrowser.get(login.callbackUrl(), "Accept", "application/json"), otherBrowser,
        STATE_INVALID, "other_browser");
    assertThat(idp.tokenRequestCount()).isZero();
  }

  @Test
  void returnToOutsideTheAllowedOriginsIsNeverFollowed() throws Exception {
    List<String> attacks = List.of("https://evil.tld", "//evil.tld", "/\\evil.tld", "https://app.example.com.evil.tld",
        "javascript:alert(1)", "%2F%2Fevil.tld", "https://user@evil.tld", "http://app.example.com");
    for (String attack : attacks) {
      TestBrowser browser = new TestBrowser();
      PendingLogin login = logins.begin(browser,
          "/login?email=alice@acme.com&return_to=" + URLEncoder.encode(attack, StandardCharsets.UTF_8));
      HttpResponse<String> callback = logins.finish(login);
      assertThat(callback.statusCode()).isEqualTo(302);
      assertThat(TestBrowser.location(callback)).as("return_to %s", attack).isEqualTo("/test-app");
    }
    PendingLogin allowed = logins.begin(new TestBrowser(),
        "/login?email=alice@acme.com&return_to=" + URLEncoder.encode("https://app.example.com/home?x=1", StandardCharsets.UTF_8));
    assertThat(TestBrowser.location(logins.finish(allowed))).isEqualTo("https://app.example.com/home?x=1");
  }

  @Test
  void callbackAnswersWithACleanRedirectThatLeaksNothing() throws Exception {
    PendingLogin login = logins.begin("alice@acme.com");
    HttpResponse<String> callback = logins.finish(login);

    assertThat(callback.statusCode()).isEqualTo(302);
    assertThat(TestBrowser.location(callback)).isEqualTo("/test-app");
    assertThat(callback.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(callback.headers().firstValue("Cache-Control")).contains("no-store");
    String sessionCookie = callback.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("sso_session=")).findFirst().orElseThrow();
    assertThat(sessionCookie.toLowerCase()).contains("httponly").contains("samesite=lax").contains("path=/");
  }

  @Test
  void tenThousandForgedCallbacksAreAllRejectedBeforeAnyTokenRequest() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<String>> answers = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        byte[] forged = new byte[200];
        new java.security.SecureRandom().nextBytes(forged);
        forged[0] = 0x01;
        String url = broker.baseUrl + "/login/callback?code=" + java.util.UUID.randomUUID() + "&state="
            + Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
        answers.add(CompletableFuture.supplyAsync(() -> {
          try {
            HttpResponse<Void> answer = client.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() + " "
                + answer.headers().firstValue("Location").orElse("").replaceAll("\\?.*", "");
          } catch (Exception failure) {
            return failure.toString();
          }
        }, pool));
      }
      for (CompletableFuture<String> answer : answers) {
        assertThat(answer.get()).as("each is sent to the error page").isEqualTo("303 /login/error");
      }
    } finally {
      pool.shutdown();
    }
    assertThat(idp.tokenRequestCount()).isZero();
  }

  @Test
  void spoofedForwardedHeadersDoNotChangeTheRedirectUri() throws Exception {
    TestBrowser browser = new TestBrowser();
    HttpResponse<String> start = browser.get(broker.baseUrl + "/login?email=alice@acme.com",
        "X-Forwarded-Host", "evil.tld", "Forwarded", "host=evil.tld;proto=https", "X-Forwarded-Proto", "https");

    String redirectUri = queryParameter(TestBrowser.location(start), "redirect_uri");
    assertThat(redirectUri).isEqualTo(broker.baseUrl + "/login/callback");
  }

  // ---- OAuth and OIDC ----

  @Test
  void everyLoginUsesPkceS256WithAFreshVerifierSentOnTheTokenRequest() throws Exception {
    logins.logInSuccessfully("alice@acme.com");
    logins.logInSuccessfully("alice@acme.com");

    var authorizations = idp.authorizationRequests();
    assertThat(authorizations).hasSize(2);
    assertThat(authorizations).allSatisfy(request -> assertThat(request.codeChallengeMethod()).isEqualTo("S256"));
    assertThat(authorizations.get(0).codeChallenge()).isNotEqualTo(authorizations.get(1).codeChallenge());
    assertThat(authorizations.get(0).nonce()).isNotEqualTo(authorizations.get(1).nonce());
    assertThat(idp.tokenRequests()).allSatisfy(request -> assertThat(request.codeVerifier()).hasSize(43));
  }

  @Test
  void clientSecretWithReservedCharactersIsFormEncodedForBasicAuth() throws Exception {
    logins.logInSuccessfully("alice@acme.com");

    String basic = idp.tokenRequests().get(0).authorization();
    String decoded = new String(Base64.getDecoder().decode(basic.substring("Basic ".length())), StandardCharsets.UTF_8);
    assertThat(decoded).isEqualTo("acme-app:s3cr%3Aet%25%2Bx");
  }

  @Test
  void callbackCarryingAnotherIdpsIssuerIsRejectedBeforeAnyTokenRequest() throws Exception {
    idp.sendIssParameter("https://other-idp.example.com");

    logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, "callback_issuer_mismatch");
    assertThat(idp.tokenRequestCount()).isZero();
  }

  @Test
  void errorFromTheIdpShowsAnEscapedPageAndMakesNoTokenRequest() throws Exception {
    idp.nextAuthorizationError("access_denied", "<script>alert('x')</script>");
    PendingLogin login = logins.begin("alice@acme.com");

    HttpResponse<String> callback = login.browser().get(login.callbackUrl());
    assertThat(callback.statusCode()).isEqualTo(303);
    assertThat(TestBrowser.location(callback)).startsWith("/login/error?").doesNotContain("script")
        .doesNotContain("access_denied");
    HttpResponse<String> page = login.browser().follow(callback, null);

    assertThat(page.statusCode()).isEqualTo(CODE_EXCHANGE_FAILED.httpStatus());
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("alert(").contains(CODE_EXCHANGE_FAILED.title())
        .contains("(access_denied)");
    assertThat(idp.tokenRequestCount()).isZero();
  }

  @Test
  void wrongClientSecretFailsTheCodeExchange() throws Exception {
    idp.user("w", Map.of("email", "user@wrongco.com"));

    logins.rejectedCallback(logins.begin("user@wrongco.com"), CODE_EXCHANGE_FAILED, "invalid_client");
    assertThat(idp.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void codesTokensAndSecretsNeverAppearInLogs() throws Exception {
    LogCapture capture = LogCapture.start();
    try {
      PendingLogin login = logins.begin("alice@acme.com");
      String code = queryParameter(login.callbackUrl(), "code");
      logins.finish(login);
      idp.user("x", Map.of("email", "nobody@acme.com"));
      logins.finish(logins.begin("alice@acme.com"));
      idp.tokenResponse(500, "application/json", "{\"error\": \"server_error\"}");
      logins.finish(logins.begin("alice@acme.com"));

      assertThat(capture.lines()).isNotEmpty().noneMatch(line -> line.contains(code) || line.contains("eyJ")
          || line.contains("s3cr:et") || line.contains("state=") || line.contains("sso_session"));
    } finally {
      capture.stop();
    }
  }

  @Test
  void tokenResponsesWithoutIdTokenNotJsonOrHugeAreRejected() throws Exception {
    idp.tokenResponse(200, "application/json", "{\"access_token\": \"a\", \"token_type\": \"Bearer\"}");
    logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, "missing_id_token");
    idp.tokenResponse(200, "text/html", "<html>oops</html>");
    logins.rejectedCallback(logins.begin("alice@acme.com"), CODE_EXCHANGE_FAILED, "bad_token_response");
    idp.hugeTokenResponse(10);
    logins.rejectedCallback(logins.begin("alice@acme.com"), CODE_EXCHANGE_FAILED, "bad_token_response");
    idp.hugeTokenResponse(10, true);
    logins.rejectedCallback(logins.begin("alice@acme.com"), CODE_EXCHANGE_FAILED, "bad_token_response");
  }

  @Test
  void badSignaturesAndForbiddenAlgorithmsAreRejected() throws Exception {
    idp.signWith(SigningKey.rsa(idp.currentKey().kid()));
    logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, "bad_signature");
    idp.reset().user("alice-sub", Map.of("email", "alice@acme.com"));
    idp.algNone(true);
    logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, "alg_not_allowed");
    idp.algNone(false).hmacWithPublicKey(true);
    logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, "alg_not_allowed");
  }

  @Test
  void missingOrWrongClaimsAreRejected() throws Exception {
    record Case(Runnable configure, String reason) {}
    List<Case> cases = List.of(
        new Case(() -> idp.removeClaims("sub"), "missing_sub"),
        new Case(() -> idp.removeClaims("iat"), "missing_iat"),
        new Case(() -> idp.removeClaims("aud"), "missing_aud"),
        new Case(() -> idp.claimOverrides(Map.of("aud", "someone-else")), "wrong_audience"),
        new Case(() -> idp.claimOverrides(Map.of("aud", List.of("acme-app", "untrusted"))), "azp_mismatch"),
        new Case(() -> idp.claimOverrides(Map.of("azp", "someone-else")), "azp_mismatch"),
        new Case(() -> idp.claimOverrides(Map.of("exp", Instant.now().minusSeconds(600))), "expired"),
        new Case(() -> idp.claimOverrides(Map.of("iat", Instant.now().plusSeconds(600))), "issued_in_future"),
        new Case(() -> idp.claimOverrides(Map.of("nonce", "another-nonce")), "nonce_mismatch"),
        new Case(() -> idp.removeClaims("nonce"), "nonce_mismatch"),
        new Case(() -> idp.claimOverrides(Map.of("iss", "https://evil.example.com")), "wrong_issuer"));
    for (Case c : cases) {
      idp.reset().user("alice-sub", Map.of("email", "alice@acme.com"));
      c.configure().run();
      logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, c.reason());
    }
  }

  @Test
  void keyHeadersPointingAtAnotherKeyAreIgnored() throws Exception {
    SigningKey attacker = SigningKey.rsa("attacker-key");
    idp.signWith(attacker).extraHeader("jwk", attacker);
    logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, "unknown_key");
    idp.extraHeader("jwk", null).extraHeader("jku", "http://127.0.0.1:1/evil-jwks");
    logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, "unknown_key");
  }

  /** RFC 8725 3.11: an access token or a logout token, signed by the same keys, is never taken for an ID token. */
  @Test
  void tokensTypedAsAnotherKindOfJwtAreNotAcceptedAsIdTokens() throws Exception {
    for (String type : List.of("at+jwt", "application/at+jwt", "logout+jwt", "secevent+jwt", "JOSE")) {
      idp.extraHeader("typ", type);
      logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, "wrong_token_type");
    }
    idp.extraHeader("typ", "JWT");
    logins.logInSuccessfully("alice@acme.com");
    idp.extraHeader("typ", null);
    logins.logInSuccessfully("alice@acme.com");
  }

  @Test
  void idpClockWithinTheLeewayIsAcceptedAndTenMinutesAheadIsNot() throws Exception {
    idp.clockOffset(Duration.ofSeconds(90));
    logins.logInSuccessfully("alice@acme.com");
    idp.clockOffset(Duration.ofMinutes(10));
    logins.rejectedCallback(logins.begin("alice@acme.com"), IDENTITY_EXTRACTION_FAILED, "issued_in_future");
  }

  @Test
  void discoveryIssuerThatDiffersFromTheConfiguredOneFailsWithAClearError() throws Exception {
    TestBrowser browser = new TestBrowser();
    HttpResponse<String> start = browser.get(broker.baseUrl + "/login?email=user@badco.com", "Accept", "application/json");

    logins.assertRejected(start, browser, CODE_EXCHANGE_FAILED, "idp_issuer_mismatch");
  }

  // ---- Entra and Google presets ----

  @Test
  void entraMultiTenantAcceptsItsAllowedTenantAndRejectsAnyOther() throws Exception {
    logins.logInSuccessfully("dan@contoso.com");
    entra.user("dan-sub", Map.of("email", "dan@contoso.com", "tid", "5d2e1f0a-9b8c-4d7e-8f6a-1b2c3d4e5f60"));
    logins.rejectedCallback(logins.begin("dan@contoso.com"), IDENTITY_EXTRACTION_FAILED, "tenant_not_allowed");
  }

  /**
   * nOAuth: the administrator of any Entra tenant sets its users' email freely. A token of another tenant (a random
   * one, the personal-accounts tenant, or the app registration's own home tenant) with that tenant's tid and issuer,
   * the right audience and nonce, and an org user's email, never signs in as that user.
   */
  @Test
  void anotherEntraTenantAssertingAnOrgUsersEmailCannotSignInAsThem() throws Exception {
    long sessions = logins.sessionsOf("dan@contoso.com");
    for (String tenant : List.of("a3b2c1d0-e9f8-4a7b-8c6d-5e4f3a2b1c0d", CONSUMER_TENANT, HOME_TENANT)) {
      entra.user("attacker-in-" + tenant, Map.of("email", "dan@contoso.com", "preferred_username", "dan@contoso.com",
          "tid", tenant));

      JsonObject event = logins.rejectedCallback(logins.begin("dan@contoso.com"), IDENTITY_EXTRACTION_FAILED,
          "tenant_not_allowed");

      assertThat(event.getString("org")).isEqualTo("contoso");
      assertThat(event.getValue("userId")).isNull();
    }
    assertThat(logins.sessionsOf("dan@contoso.com")).isEqualTo(sessions);
  }

  @Test
  void entraEmailWhoseDomainOwnerIsNotVerifiedIsRefused() throws Exception {
    entra.user("dan-sub", Map.of("email", "dan@contoso.com", "tid", CONTOSO_TENANT, "xms_edov", false));
    logins.rejectedCallback(logins.begin("dan@contoso.com"), EMAIL_VALIDATION_FAILED, "email_domain_not_verified");
    entra.user("dan-sub", Map.of("email", "dan@contoso.com", "tid", CONTOSO_TENANT, "xms_edov", "false"));
    logins.rejectedCallback(logins.begin("dan@contoso.com"), EMAIL_VALIDATION_FAILED, "email_domain_not_verified");
    entra.user("dan-sub", Map.of("email", "dan@contoso.com", "tid", CONTOSO_TENANT, "xms_edov", true));
    logins.logInSuccessfully("dan@contoso.com");
  }

  /** RFC 9207 for Entra multi-tenant: the callback's iss must be the issuer of an allowed tenant, checked first. */
  @Test
  void entraCallbackCarryingAnIssuerOtherThanItsAllowedTenantsIsRejectedBeforeAnyTokenRequest() throws Exception {
    for (String foreign : List.of("https://other-idp.example.com", entra.baseUrl() + "/{tenantid}/v2.0",
        entra.baseUrl() + "/" + HOME_TENANT + "/v2.0", entra.baseUrl() + "/" + CONSUMER_TENANT + "/v2.0")) {
      entra.sendIssParameter(foreign);
      logins.rejectedCallback(logins.begin("dan@contoso.com"), IDENTITY_EXTRACTION_FAILED, "callback_issuer_mismatch");
      assertThat(entra.tokenRequestCount()).as("iss %s", foreign).isZero();
    }
    entra.sendIssParameter(entra.baseUrl() + "/" + CONTOSO_TENANT + "/v2.0");
    logins.logInSuccessfully("dan@contoso.com");
  }

  /** A stored connector written before allowedTenants was required fails closed, before the browser leaves. */
  @Test
  void aStoredMultiTenantConnectorWithoutAllowedTenantsRefusesEveryLogin() throws Exception {
    broker.execute("""
        insert into registry.orgs (slug, name) values ('legacy', 'Legacy');
        insert into registry.connectors (id, org_slug, kind, display_name, state, source, parameters)
        values ('00000000-0000-4000-8000-00000000beef', 'legacy', 'azure', 'Entra', 'active', 'api',
                '{"tenantId": "%s", "tenantType": "multi", "clientId": "contoso-app"}');
        insert into registry.connector_domains (connector_id, domain)
        values ('00000000-0000-4000-8000-00000000beef', 'legacy.example');
        insert into registry.domains (domain, org_slug, verification_token, verified_at, source)
        values ('legacy.example', 'legacy', 'token', now(), 'api');
        insert into directory.users (id, email, name, org_slug, status)
        values (gen_random_uuid(), 'eve@legacy.example', 'Eve', 'legacy', 'active');
        """.formatted(HOME_TENANT));
    TestBrowser browser = new TestBrowser();

    HttpResponse<String> start = browser.get(broker.baseUrl + "/login?email=eve@legacy.example",
        "Accept", "application/json");

    logins.assertRejected(start, browser, CODE_EXCHANGE_FAILED, "connector_invalid");
    assertThat(entra.authorizationRequests()).isEmpty();
  }

  @Test
  void entraDomainHintAndGoogleHostedDomainAreSent() throws Exception {
    PendingLogin entraLogin = logins.begin("dan@contoso.com");
    assertThat(queryParameter(entraLogin.authorizationUrl(), "domain_hint")).isEqualTo("contoso.com");
    PendingLogin googleLogin = logins.begin("carol@initech.com");
    assertThat(queryParameter(googleLogin.authorizationUrl(), "hd")).isEqualTo("initech.com");
    assertThat(queryParameter(googleLogin.authorizationUrl(), "login_hint")).isEqualTo("carol@initech.com");
  }

  @Test
  void googleRequiresItsHostedDomainAndAVerifiedEmail() throws Exception {
    logins.logInSuccessfully("carol@initech.com");
    google.user("carol-sub", Map.of("email", "carol@initech.com", "email_verified", true));
    logins.rejectedCallback(logins.begin("carol@initech.com"), EMAIL_VALIDATION_FAILED, "hosted_domain_mismatch");
    google.user("carol-sub", Map.of("email", "carol@initech.com", "email_verified", true, "hd", "gmail.com"));
    logins.rejectedCallback(logins.begin("carol@initech.com"), EMAIL_VALIDATION_FAILED, "hosted_domain_mismatch");
    google.user("carol-sub", Map.of("email", "carol@initech.com", "email_verified", false, "hd", "initech.com"));
    logins.rejectedCallback(logins.begin("carol@initech.com"), EMAIL_VALIDATION_FAILED, "email_not_verified");
  }

  // ---- Who may log in ----

  @Test
  void usersTheDirectoryDoesNotAdmitAreRejected() throws Exception {
    idp.user("x", Map.of("email", "nobody@acme.com"));
    logins.rejectedCallback(logins.begin("alice@acme.com"), USER_NOT_ALLOWED, "unknown_user");
    idp.user("x", Map.of("email", "disabled@acme.com"));
    logins.rejectedCallback(logins.begin("alice@acme.com"), USER_NOT_ALLOWED, "user_disabled");
    idp.user("x", Map.of("email", "moved@acme.com"));
    JsonObject mismatch = logins.rejectedCallback(logins.begin("alice@acme.com"), USER_NOT_ALLOWED, "org_mismatch");
    assertThat(mismatch.getString("email")).isEqualTo("moved@acme.com");
    assertThat(mismatch.getString("subject")).isEqualTo("x");
    idp.user("x", Map.of("email", "alice@globex.com"));
    logins.rejectedCallback(logins.begin("alice@acme.com"), USER_NOT_ALLOWED, "domain_not_allowed");
    idp.user("x", Map.of("email", "bob.smith@globex.com"));
    logins.rejectedCallback(logins.begin("bob.smith@globex.com"), USER_NOT_ALLOWED, "email_pattern_mismatch");
  }

  @Test
  void missingOrInvalidEmailIsRejected() throws Exception {
    idp.user("x", Map.of("name", "No Email"));
    logins.rejectedCallback(logins.begin("alice@acme.com"), EMAIL_VALIDATION_FAILED, "missing_email");
    idp.user("x", Map.of("email", "not-an-email"));
    logins.rejectedCallback(logins.begin("alice@acme.com"), EMAIL_VALIDATION_FAILED, "invalid_email");
    idp.user("x", Map.of("email", "alice@acme.com", "email_verified", false));
    logins.rejectedCallback(logins.begin("alice@acme.com"), EMAIL_VALIDATION_FAILED, "email_not_verified");
  }

  @Test
  void sameCallbackFiredTwiceAtOnceMakesOneSession() throws Exception {
    PendingLogin login = logins.begin("alice@acme.com");
    long before = logins.sessionsOf("alice@acme.com");
    idp.tokenDelay(Duration.ofMillis(300));

    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> finishQuietly(login));
    CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> finishQuietly(login));
    List<Integer> statuses = List.of(first.get().statusCode(), second.get().statusCode());

    assertThat(statuses).containsExactlyInAnyOrder(302, 400);
    assertThat(logins.sessionsOf("alice@acme.com")).isEqualTo(before + 1);
    assertThat(idp.tokenRequestCount()).as("the copy was rejected before reaching the IdP").isEqualTo(1);
  }

  private static HttpResponse<String> finishQuietly(PendingLogin login) {
    try {
      return logins.finish(login);
    } catch (Exception failure) {
      throw new IllegalStateException(failure);
    }
  }

  private static String queryParameter(String url, String name) {
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      if (pair.substring(0, equals).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + url);
  }

  private static String withState(String callbackUrl, String state) {
    return callbackUrl.replaceAll("state=[^&]*", "state=" + state);
  }
}
