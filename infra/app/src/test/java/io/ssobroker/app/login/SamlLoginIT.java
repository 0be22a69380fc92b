package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.CODE_EXCHANGE_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.EMAIL_VALIDATION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.IDENTITY_EXTRACTION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.SESSION_CREATION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.STATE_INVALID;
import static io.ssobroker.platform.audit.LoginFailureCategory.USER_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testsaml.KeycloakSamlIdp;
import io.ssobroker.edge.testsaml.SamlBrowser;
import io.ssobroker.edge.testsaml.SamlBrowser.PostedResponse;
import io.ssobroker.edge.testsaml.SamlDocuments;
import io.ssobroker.edge.testsaml.SamlSigner;
import io.ssobroker.edge.testsaml.SamlTestKey;
import io.ssobroker.platform.testing.FreePorts;
import io.ssobroker.platform.testing.PostgresProcesses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Document;

/**
 * SAML logins end to end: the all-in-one broker as the SP and a real Keycloak as the IdP, logged in through its login
 * form. Connectors of the three kinds of description: {@code acme} by metadata URL, {@code beta} by inline metadata
 * (with an email mapped from the surname, which is no email), {@code gamma} by manual fields whose certificate is not
 * Keycloak's, {@code delta} by manual fields whose certificate has expired. Keycloak requires signed AuthnRequests,
 * so every login also proves the broker's signature (saml.requestSigningKey). The last test stops PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamlLoginIT {

  @TempDir
  static Path work;

  private static final KeycloakSamlIdp.User ALICE =
      new KeycloakSamlIdp.User("alice", "alice-password-1", "alice@acme.com", "Alice", "Acme");
  private static final KeycloakSamlIdp.User CAROL =
      new KeycloakSamlIdp.User("carol", "carol-password-1", "carol@acme.com", "Carol", "Unknown");
  private static final KeycloakSamlIdp.User DAVE =
      new KeycloakSamlIdp.User("dave", "dave-password-1", "dave@acme.com", "Dave", "Elsewhere");
  private static final KeycloakSamlIdp.User BOB =
      new KeycloakSamlIdp.User("bob", "bob-password-1", "bob@beta.com", "Bob", "Builder");
  private static final KeycloakSamlIdp.User ERIN =
      new KeycloakSamlIdp.User("erin", "erin-password-1", "erin@gamma.com", "Erin", "Gamma");
  private static final KeycloakSamlIdp.User FRANK =
      new KeycloakSamlIdp.User("frank", "frank-password-1", "frank@delta.com", "Frank", "Delta");
  private static final SamlTestKey SP_KEY = SamlTestKey.rsa("broker-sp.example.test");
  private static final SamlTestKey NOT_THE_IDP = SamlTestKey.rsa("not-the-idp.example.test");
  private static final SamlTestKey EXPIRED = SamlTestKey.rsa("expired-idp.example.test", SamlTestKey.LONG_AGO,
      SamlTestKey.LONG_AGO.plus(Duration.ofDays(365)));
  private static final String ADMIN_TOKEN = "platform-token-for-saml-tests-0123456789";

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static KeycloakSamlIdp keycloak;
  private static String baseUrl;

  /** A login that reached the IdP and came back with what the IdP's page would post to the ACS. */
  private record AtAcs(TestBrowser browser, PostedResponse posted) {}

  @BeforeAll
  static void start() throws Exception {
    int httpPort = FreePorts.next();
    baseUrl = "http://127.0.0.1:" + httpPort;
    keycloak = KeycloakSamlIdp.start(new KeycloakSamlIdp.Settings(baseUrl + "/login/saml/metadata",
        baseUrl + "/login/saml/acs").user(ALICE).user(CAROL).user(DAVE).user(BOB).user(ERIN).user(FRANK).idpInitiated("broker")
        .requireSignedRequests(SP_KEY.certificate()));
    String inlineMetadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(keycloak.metadataUrl()).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    JsonObject connectors = new JsonObject()
        .put("acme", new JsonArray().add(saml("acme.com", new JsonObject()
            .put("metadataUrl", keycloak.metadataUrl().toString()).put("allowIdpInitiated", true))))
        .put("beta", new JsonArray().add(saml("beta.com", new JsonObject().put("metadataXml", inlineMetadata))
            .put("claimMapping", new JsonObject().put("email", "surname"))))
        .put("gamma", new JsonArray().add(saml("gamma.com", new JsonObject()
            .put("ssoUrl", keycloak.ssoUrl().toString())
            .put("idpEntityId", keycloak.entityId())
            .put("x509Certificate", pem(NOT_THE_IDP)))))
        .put("delta", new JsonArray().add(saml("delta.com", new JsonObject()
            .put("ssoUrl", keycloak.ssoUrl().toString())
            .put("idpEntityId", keycloak.entityId())
            .put("x509Certificate", pem(EXPIRED)))))
        .put("epsilon", new JsonArray().add(saml("epsilon.com", new JsonObject()
            .put("metadataUrl", keycloak.baseUrl() + "/realms/no-such-realm/protocol/saml/descriptor"))));
    environment.startBroker(httpPort, work, connectors.encodePrettily(), """
        {"email": "alice@acme.com", "name": "Alice", "org": "acme"}
        {"email": "dave@acme.com", "name": "Dave", "org": "beta"}
        {"email": "bob@beta.com", "name": "Bob", "org": "beta"}
        {"email": "erin@gamma.com", "name": "Erin", "org": "gamma"}
        {"email": "frank@delta.com", "name": "Frank", "org": "delta"}
        """, Map.of(), "--admin-token", ADMIN_TOKEN, "--saml-request-signing-key", spKeyFile().toString());
  }

  /** The broker's AuthnRequest signing key, in the one-file PEM form that {@code saml.requestSigningKey} reads. */
  private static Path spKeyFile() throws Exception {
    Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return Files.writeString(work.resolve("sp-signing.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + lines.encodeToString(SP_KEY.keyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n"
        + pem(SP_KEY));
  }

  private static String pem(SamlTestKey key) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(key.certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private static JsonObject saml(String domain, JsonObject parameters) {
    return new JsonObject().put("kind", "saml").put("displayName", "Keycloak")
        .put("domains", new JsonArray().add(domain)).put("parameters", parameters);
  }

  @AfterAll
  static void stop() throws Exception {
    environment.close();
    if (keycloak != null) {
      keycloak.close();
    }
  }

  @Test
  @Order(1)
  void spMetadataNamesTheEntityIdAndTheAcsFromThePublicBaseUrl() throws Exception {
    HttpResponse<String> metadata = new TestBrowser().get(baseUrl + "/login/saml/metadata",
        "X-Forwarded-Host", "evil.example");

    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(metadata.headers().firstValue("Content-Type")).hasValue("application/samlmetadata+xml");
    assertThat(metadata.body())
        .contains("entityID=\"" + baseUrl + "/login/saml/metadata\"")
        .contains("Location=\"" + baseUrl + "/login/saml/acs\"")
        .contains("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")
        .contains("AuthnRequestsSigned=\"true\"")
        .contains(Base64.getEncoder().encodeToString(SP_KEY.certificate().getEncoded()))
        .doesNotContain("evil.example");
  }

  @Test
  @Order(2)
  void spInitiatedLoginCreatesASessionAndRecordsLoginSucceeded() throws Exception {
    long sessionsBefore = environment.logins().sessionsOf("alice@acme.com");
    AtAcs login = atAcs("alice@acme.com", ALICE);

    HttpResponse<String> acs = post(login);

    assertThat(acs.statusCode()).as("ACS: %s", acs.body()).isEqualTo(302);
    assertThat(TestBrowser.location(acs)).isEqualTo("/test-app");
    assertThat(acs.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(acs.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("sso_session="));
    JsonObject session = new JsonObject(login.browser().get(baseUrl + "/session").body());
    assertThat(session.getString("email")).isEqualTo("alice@acme.com");
    assertThat(session.getString("org")).isEqualTo("acme");
    assertThat(session.getString("kind")).isEqualTo("saml");
    assertThat(environment.logins().sessionsOf("alice@acme.com")).isEqualTo(sessionsBefore + 1);
    List<JsonObject> succeeded = environment.audit().await(event -> "login.succeeded".equals(event.getString("type"))
        && "alice@acme.com".equals(event.getString("email")), 1, Duration.ofSeconds(20));
    assertThat(succeeded).hasSize(1);
    assertThat(succeeded.get(0).getString("connectorKind")).isEqualTo("saml");
    assertThat(succeeded.get(0).getString("subject")).isEqualTo("alice@acme.com");
    assertThat(succeeded.get(0).encode()).doesNotContain(login.posted().samlResponse().substring(0, 40));
    assertThat(environment.audit().await(event -> "login.started".equals(event.getString("type"))
        && "acme".equals(event.getString("org")) && "saml".equals(event.getString("connectorKind")), 1,
        Duration.ofSeconds(20))).isNotEmpty();
    assertThat(environment.broker().count("select count(*) from edge.consumed_saml_assertions")).isPositive();
    assertThat(reportedCertificateExpiry("acme")).as("the metadata URL's certificates, reported for the radar")
        .isNotNull();
  }

  /** The certificate expiry the registry holds for the org's SAML connector, once an edge reported it. */
  private static String reportedCertificateExpiry(String org) throws Exception {
    AdminClient admin = new AdminClient(environment.broker().adminPort, ADMIN_TOKEN);
    for (int attempt = 0; attempt < 50; attempt++) {
      JsonObject connectors = new JsonObject(admin.call("GET", "/admin/v1/orgs/" + org + "/connectors", null).body());
      String expiry = connectors.getJsonArray("connectors").getJsonObject(0).getString("certificateExpiresAt");
      if (expiry != null) {
        return expiry;
      }
      Thread.sleep(100);
    }
    return null;
  }

  @Test
  @Order(3)
  void replayedAcsPostIsRejectedAndLeavesOneSession() throws Exception {
    AtAcs login = atAcs("alice@acme.com", ALICE);
    assertThat(post(login).statusCode()).isEqualTo(302);
    long sessions = environment.logins().sessionsOf("alice@acme.com");

    HttpResponse<String> replayed = post(login);

    assertThat(replayed.statusCode()).isEqualTo(STATE_INVALID.httpStatus());
    assertThat(new JsonObject(replayed.body()).getString("reason")).isEqualTo("replayed");
    assertThat(replayed.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("sso_session="));
    JsonObject event = environment.audit().event(new JsonObject(replayed.body()).getString("reference"));
    assertThat(event.getString("category")).isEqualTo(STATE_INVALID.code());
    assertThat(event.getString("reason")).isEqualTo("replayed");
    assertThat(environment.logins().sessionsOf("alice@acme.com")).isEqualTo(sessions);
  }

  @Test
  @Order(4)
  void tamperedRelayStateIsRejected() throws Exception {
    AtAcs login = atAcs("alice@acme.com", ALICE);
    String relayState = login.posted().relayState().orElseThrow();
    int middle = relayState.length() / 2;
    String tampered = relayState.substring(0, middle) + (relayState.charAt(middle) == 'A' ? 'B' : 'A')
        + relayState.substring(middle + 1);

    HttpResponse<String> answer = post(login.browser(), login.posted().samlResponse(), tampered);

    environment.logins().assertRejected(answer, login.browser(), STATE_INVALID, "tampered");
  }

  @Test
  @Order(5)
  void acsPostFromAnotherBrowserIsRejected() throws Exception {
    AtAcs login = atAcs("alice@acme.com", ALICE);
    TestBrowser other = new TestBrowser();

    HttpResponse<String> answer = post(other, login.posted().samlResponse(), login.posted().relayState().orElseThrow());

    environment.logins().assertRejected(answer, other, STATE_INVALID, "other_browser");
  }

  @Test
  @Order(6)
  void solicitedResponsePostedWithoutItsRelayStateIsRejected() throws Exception {
    AtAcs login = atAcs("alice@acme.com", ALICE);

    HttpResponse<String> answer = post(login.browser(), login.posted().samlResponse(), null);

    environment.logins().assertRejected(answer, login.browser(), IDENTITY_EXTRACTION_FAILED,
        "unexpected_in_response_to");
  }

  @Test
  @Order(15)
  void idpInitiatedLoginWhereTheConnectorAllowsItCreatesASessionOnce() throws Exception {
    PostedResponse posted = new SamlBrowser().loginAt(idpInitiatedUrl(), ALICE.username(), ALICE.password());
    assertThat(posted.relayState()).isEmpty();
    TestBrowser browser = new TestBrowser();
    long sessions = environment.logins().sessionsOf("alice@acme.com");

    HttpResponse<String> answer = post(browser, posted.samlResponse(), null);

    assertThat(answer.statusCode()).as("ACS: %s", answer.body()).isEqualTo(302);
    assertThat(TestBrowser.location(answer)).isEqualTo("/test-app");
    assertThat(new JsonObject(browser.get(baseUrl + "/session").body()).getString("email")).isEqualTo("alice@acme.com");
    assertThat(environment.logins().sessionsOf("alice@acme.com")).isEqualTo(sessions + 1);

    TestBrowser replaying = new TestBrowser();
    HttpResponse<String> replayed = post(replaying, posted.samlResponse(), null);

    environment.logins().assertRejected(replayed, replaying, STATE_INVALID, "replayed");
    assertThat(environment.logins().sessionsOf("alice@acme.com")).isEqualTo(sessions + 1);
  }

  @Test
  @Order(16)
  void idpInitiatedLoginWhereTheConnectorDoesNotAllowItIsRejected() throws Exception {
    PostedResponse posted = new SamlBrowser().loginAt(idpInitiatedUrl(), ERIN.username(), ERIN.password());
    TestBrowser browser = new TestBrowser();

    HttpResponse<String> answer = post(browser, posted.samlResponse(), null);

    JsonObject event = environment.logins().assertRejected(answer, browser, STATE_INVALID, "idp_initiated_not_allowed");
    assertThat(event.getString("org")).isEqualTo("gamma");
  }

  private static URI idpInitiatedUrl() {
    return URI.create(keycloak.entityId() + "/protocol/saml/clients/broker");
  }

  @Test
  @Order(7)
  void responseEditedAfterSigningIsRejected() throws Exception {
    AtAcs login = atAcs("alice@acme.com", ALICE);
    Document document = SamlDocuments.parse(SamlDocuments.decode(login.posted().samlResponse()));
    SamlDocuments.first(document, "NameID").setTextContent("dave@acme.com");

    HttpResponse<String> answer = post(login.browser(), SamlDocuments.encode(document),
        login.posted().relayState().orElseThrow());

    JsonObject event = environment.logins().assertRejected(answer, login.browser(), IDENTITY_EXTRACTION_FAILED,
        "bad_signature");
    assertThat(event.getString("org")).isEqualTo("acme");
    assertThat(event.getString("connectorKind")).isEqualTo("saml");
  }

  @Test
  @Order(8)
  void responseResignedWithAKeyThatIsNotTheIdpsIsRejected() throws Exception {
    AtAcs login = atAcs("alice@acme.com", ALICE);
    Document document = SamlDocuments.parse(SamlDocuments.decode(login.posted().samlResponse()));
    var assertion = SamlDocuments.assertion(document);
    var response = SamlDocuments.response(document);
    assertion.removeChild(SamlDocuments.signatureOf(assertion));
    response.removeChild(SamlDocuments.signatureOf(response));
    SamlSigner.with(NOT_THE_IDP).sign(assertion);
    SamlSigner.with(NOT_THE_IDP).sign(response);

    HttpResponse<String> answer = post(login.browser(), SamlDocuments.encode(document),
        login.posted().relayState().orElseThrow());

    environment.logins().assertRejected(answer, login.browser(), IDENTITY_EXTRACTION_FAILED, "bad_signature");
  }

  @Test
  @Order(9)
  void connectorWhoseCertificateIsNotTheIdpsRejectsTheIdpsResponse() throws Exception {
    AtAcs login = atAcs("erin@gamma.com", ERIN);

    HttpResponse<String> answer = post(login);

    environment.logins().assertRejected(answer, login.browser(), IDENTITY_EXTRACTION_FAILED, "bad_signature");
  }

  @Test
  @Order(10)
  void connectorWhoseOnlyCertificateExpiredRejectsLogins() throws Exception {
    AtAcs login = atAcs("frank@delta.com", FRANK);

    HttpResponse<String> answer = post(login);

    environment.logins().assertRejected(answer, login.browser(), IDENTITY_EXTRACTION_FAILED, "certificate_expired");
  }

  @Test
  @Order(10)
  void mappedEmailThatIsNoEmailIsRejected() throws Exception {
    AtAcs login = atAcs("bob@beta.com", BOB);

    HttpResponse<String> answer = post(login);

    JsonObject event = environment.logins().assertRejected(answer, login.browser(), EMAIL_VALIDATION_FAILED,
        "invalid_email");
    assertThat(event.getString("subject")).isEqualTo("bob@beta.com");
  }

  @Test
  @Order(11)
  void unknownUserIsNotAllowed() throws Exception {
    AtAcs login = atAcs("carol@acme.com", CAROL);

    HttpResponse<String> answer = post(login);

    JsonObject event = environment.logins().assertRejected(answer, login.browser(), USER_NOT_ALLOWED, "unknown_user");
    assertThat(event.getString("email")).isEqualTo("carol@acme.com");
  }

  @Test
  @Order(12)
  void userOfAnotherOrgIsNotAllowed() throws Exception {
    AtAcs login = atAcs("dave@acme.com", DAVE);

    HttpResponse<String> answer = post(login);

    environment.logins().assertRejected(answer, login.browser(), USER_NOT_ALLOWED, "org_mismatch");
    assertThat(environment.logins().sessionsOf("dave@acme.com")).isZero();
  }

  @Test
  @Order(13)
  void postLargerThanTheLimitIsRefusedBeforeParsing() throws Exception {
    TestBrowser browser = new TestBrowser();

    HttpResponse<String> answer = post(browser, "A".repeat(600 * 1024), "state");

    assertThat(answer.statusCode()).isEqualTo(413);
  }

  @Test
  @Order(14)
  void connectorCheckReadsTheMetadataAndReportsCertificateExpiry() throws Exception {
    JsonObject working = connectorCheck("acme");
    JsonObject expired = connectorCheck("delta");

    assertThat(working.getString("status")).as(working.encodePrettily()).isEqualTo("pass");
    assertThat(working.getString("spEntityId")).isEqualTo(baseUrl + "/login/saml/metadata");
    assertThat(working.getString("acsUrl")).isEqualTo(baseUrl + "/login/saml/acs");
    assertThat(working.getString("certificateExpiresAt")).isNotBlank();
    assertThat(expired.getString("status")).as(expired.encodePrettily()).isEqualTo("fail");
    assertThat(expired.getString("certificateExpiresAt")).isEqualTo("2020-12-31T00:00:00Z");
    assertThat(expired.getJsonArray("checks").encode()).contains("every signing certificate has expired");
  }

  @Test
  @Order(17)
  void expiryRadarAnnouncesTheIdpCertificateOfAManualConnector() throws Exception {
    List<JsonObject> expiring = environment.audit().await(event -> "connector.secret_expiring"
        .equals(event.getString("type")), 1, Duration.ofSeconds(20));
    JsonObject listed = new JsonObject(new AdminClient(environment.broker().adminPort, ADMIN_TOKEN)
        .call("GET", "/admin/v1/connectors/expiring?within=P30D", null).body());

    assertThat(expiring).extracting(event -> event.getString("org")).containsExactly("delta");
    assertThat(expiring.get(0).getString("connectorKind")).isEqualTo("saml");
    assertThat(expiring.get(0).getJsonObject("details").getString("expiresAt")).isEqualTo("2020-12-31");
    assertThat(listed.getJsonArray("connectors").stream().map(c -> ((JsonObject) c).getString("org")))
        .containsExactly("delta");
  }

  /**
   * In a real browser (Debian's headless Chromium): the IdP's page posts the response cross-site to the ACS with its
   * own script, and the binding cookie (SameSite=Lax under http) comes along because both run on 127.0.0.1.
   */
  @Test
  @Order(18)
  void aUserLogsInThroughKeycloakInARealBrowser() throws Exception {
    WebDriver browser = HeadlessChromium.start(work);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get(baseUrl + "/test-app");
      browser.findElement(By.id("email")).sendKeys("alice@acme.com");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
      assertThat(browser.getCurrentUrl()).startsWith(keycloak.baseUrl().toString());
      browser.findElement(By.id("username")).sendKeys(ALICE.username());
      browser.findElement(By.id("password")).sendKeys(ALICE.password());
      browser.findElement(By.id("kc-login")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connected")));

      assertThat(browser.getCurrentUrl()).isEqualTo(baseUrl + "/test-app");
      assertThat(browser.findElement(By.id("connected")).getText()).isEqualTo("Connected as alice@acme.com");
      Cookie session = browser.manage().getCookieNamed("sso_session");
      assertThat(session).isNotNull();
      assertThat(session.getSameSite()).isEqualTo("Lax");
    } finally {
      browser.quit();
    }
  }

  /** Keycloak answers the metadata URL of a realm that does not exist with an error: the login cannot begin. */
  @Test
  @Order(19)
  void anIdpWhoseMetadataUrlFailsEndsTheLoginAsCodeExchangeFailed() throws Exception {
    TestBrowser browser = new TestBrowser();
    HttpResponse<String> start = browser.get(baseUrl + "/login?email=zoe@epsilon.com", "Accept", "application/json");
    JsonObject event = environment.logins().assertRejected(start, browser, CODE_EXCHANGE_FAILED,
        new JsonObject(start.body()).getString("reason"));
    assertThat(event.getString("reason")).startsWith("idp_");
    assertThat(event.getString("connectorKind")).isEqualTo("saml");
  }

  private static JsonObject connectorCheck(String org) throws Exception {
    AdminClient admin = new AdminClient(environment.broker().adminPort, ADMIN_TOKEN);
    String id = new JsonObject(admin.call("GET", "/admin/v1/orgs/" + org + "/connectors", null).body())
        .getJsonArray("connectors").getJsonObject(0).getString("id");
    HttpResponse<String> report = admin.call("POST", "/admin/v1/orgs/" + org + "/connectors/" + id + "/check", null);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    return new JsonObject(report.body());
  }

  @Test
  @Order(100)
  void postgresDownAtTheAcsFailsWithSessionCreationFailedAndTheEventReachesKafka() throws Exception {
    AtAcs login = atAcs("alice@acme.com", ALICE);
    PostgresProcesses.stopFast(work.resolve("data/postgres"));

    HttpResponse<String> answer = post(login);

    assertThat(answer.statusCode()).as("ACS: %s", answer.body()).isEqualTo(SESSION_CREATION_FAILED.httpStatus());
    JsonObject error = new JsonObject(answer.body());
    assertThat(error.getString("error")).isEqualTo(SESSION_CREATION_FAILED.code());
    assertThat(error.getString("reason")).isEqualTo("session_store_unavailable");
    assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("sso_session="));
    JsonObject event = environment.audit().event(error.getString("reference"));
    assertThat(event.getString("type")).isEqualTo("login.failed");
    assertThat(event.getString("category")).isEqualTo(SESSION_CREATION_FAILED.code());
    assertThat(event.getString("org")).as("known from the state, before the connector is loaded").isEqualTo("acme");
    assertThat(event.getString("connectorId")).isNotBlank();
  }

  /** Starts a login at the broker, follows it to Keycloak, and logs in there. */
  private static AtAcs atAcs(String email, KeycloakSamlIdp.User user) throws Exception {
    TestBrowser browser = new TestBrowser();
    HttpResponse<String> start = browser.get(baseUrl + "/login?email=" + email);
    assertThat(start.statusCode()).as("login start: %s", start.body()).isEqualTo(302);
    String authnRequest = TestBrowser.location(start);
    assertThat(authnRequest).startsWith(keycloak.ssoUrl() + "?SAMLRequest=");
    assertThat(authnRequest).contains("&SigAlg=").contains("&Signature=");
    PostedResponse posted = new SamlBrowser().login(URI.create(authnRequest), user.username(), user.password());
    assertThat(posted.action()).isEqualTo(URI.create(baseUrl + "/login/saml/acs"));
    return new AtAcs(browser, posted);
  }

  private static HttpResponse<String> post(AtAcs login) throws Exception {
    return post(login.browser(), login.posted().samlResponse(), login.posted().relayState().orElseThrow());
  }

  private static HttpResponse<String> post(TestBrowser browser, String samlResponse, String relayState)
      throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("SAMLResponse", samlResponse);
    if (relayState != null) {
      form.put("RelayState", relayState);
    }
    return browser.post(baseUrl + "/login/saml/acs", form, "Accept", "application/json");
  }
}
