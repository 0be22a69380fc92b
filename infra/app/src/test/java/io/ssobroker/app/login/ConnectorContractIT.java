package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.EMAIL_VALIDATION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.IDENTITY_EXTRACTION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.STATE_INVALID;
import static io.ssobroker.platform.audit.LoginFailureCategory.USER_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.saml.SignatureAlgorithms;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.edge.testsaml.SamlDocuments;
import io.ssobroker.edge.testsaml.SamlSigner;
import io.ssobroker.edge.testsaml.SamlTestKey;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * The contract every connector kind passes, through the whole broker: a user of the directory signs in; an answer from
 * the wrong issuer or for the wrong audience, a replayed one, one without a usable or verified email, one naming a user
 * of another org or a disabled user is refused with its reason, its event, and no session. Each kind talks to an IdP
 * shaped like its vendor's (the recorded discovery documents, token claims and SAML responses in {@code vendors/}).
 */
class ConnectorContractIT {

  private static final String TENANT = "6f1f8a3c-0c9e-4f0e-9a36-1f2d3c4b5a61";
  private static final String UNVERIFIED = "unverified";

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static final Map<String, KindUnderTest> kinds = new LinkedHashMap<>();
  private static LoginBroker broker;
  private static OidcLoginHarness logins;

  /** What the IdP's answer gets wrong, if anything. */
  enum Variation { GENUINE, WRONG_ISSUER, WRONG_AUDIENCE, NO_EMAIL, UNVERIFIED_EMAIL }

  /** One IdP's answer to one login, which can be sent to the broker more than once (a replay). */
  interface IdpAnswer {
    TestBrowser browser();

    HttpResponse<String> send() throws Exception;
  }

  /** A connector kind, its IdP and its users: {@code user@<domain>}, {@code moved@} (another org), {@code disabled@}. */
  abstract static class KindUnderTest {
    final String name;

    KindUnderTest(String name) {
      this.name = name;
    }

    String org() {
      return name.replace("_", "-");
    }

    String domain() {
      return org() + ".example";
    }

    abstract JsonObject connector();

    abstract IdpAnswer signIn(String email, Variation variation) throws Exception;

    /** The reason an answer without a usable email gets. */
    String noEmailReason() {
      return "missing_email";
    }

    /** The reason of an email the IdP says it did not verify; {@link #UNVERIFIED} when the kind has no such notion. */
    abstract String unverifiedEmailReason();

    @Override
    public String toString() {
      return name;
    }
  }

  // ------------------------------------------------------------------ the kinds

  /** An OpenID Connect kind against a programmable IdP answering with the vendor's recorded shapes. */
  static final class OidcKind extends KindUnderTest {
    private final TestIdp idp;
    private final String kind;
    private final JsonObject parameters;
    private final String vendor;
    private final Map<String, Object> unverified;
    private final String unverifiedReason;

    OidcKind(String name, TestIdp idp, String kind, JsonObject parameters, String vendor, Map<String, Object> unverified,
        String unverifiedReason) {
      super(name);
      this.idp = idp;
      this.kind = kind;
      this.parameters = parameters.put("clientId", name + "-app").put("clientSecret", name + "-secret");
      this.vendor = vendor;
      this.unverified = unverified;
      this.unverifiedReason = unverifiedReason;
      idp.client(name + "-app", name + "-secret");
    }

    @Override
    JsonObject connector() {
      return new JsonObject().put("kind", kind).put("domains", new JsonArray().add(domain())).put("parameters", parameters);
    }

    @Override
    IdpAnswer signIn(String email, Variation variation) throws Exception {
      idp.reset();
      if (vendor != null) {
        idp.vendorDiscovery(fixture(vendor + "-discovery.json"));
      }
      Map<String, Object> claims = vendor == null ? new LinkedHashMap<>(Map.of("email", email))
          : vendorClaims(vendor + "-id-token.json", email);
      switch (variation) {
        case WRONG_ISSUER -> idp.claimOverrides(Map.of("iss", "https://impostor.example/" + name));
        case WRONG_AUDIENCE -> idp.claimOverrides(Map.of("aud", "another-client"));
        case NO_EMAIL -> idp.removeClaims("email");
        case UNVERIFIED_EMAIL -> claims.putAll(unverified);
        default -> { }
      }
      idp.user("subject-of-" + email, claims);
      OidcLoginHarness.PendingLogin login = logins.begin(new TestBrowser(), "/login?email=" + email);
      return new IdpAnswer() {
        @Override
        public TestBrowser browser() {
          return login.browser();
        }

        @Override
        public HttpResponse<String> send() throws Exception {
          return logins.finish(login);
        }
      };
    }

    /** The vendor's token claims, for this user, without the claims the IdP sets itself. */
    private Map<String, Object> vendorClaims(String file, String email) {
      String text = fixtureText(file).replace("${EMAIL}", email).replace("${NAME}", "User")
          .replace("${DOMAIN}", domain()).replace("${TENANT}", TENANT);
      Map<String, Object> claims = new LinkedHashMap<>(new JsonObject(text).getMap());
      claims.entrySet().removeIf(claim -> "set by the test IdP".equals(claim.getValue())
          && !claim.getKey().equals("azp"));
      claims.computeIfPresent("azp", (key, value) -> name + "-app");
      return claims;
    }

    @Override
    String unverifiedEmailReason() {
      return unverifiedReason;
    }
  }

  /** A SAML connector whose IdP posts responses shaped like its vendor's, signed where the vendor signs them. */
  static final class SamlKind extends KindUnderTest {
    private final String template;
    private final String entityId;
    private final boolean signsResponse;
    private final boolean nameIdIsEmail;
    private final JsonObject claimMapping;
    private final SamlTestKey key = SamlTestKey.rsa("idp-" + UUID.randomUUID());

    SamlKind(String name, String template, String entityId, boolean signsResponse, boolean nameIdIsEmail,
        JsonObject claimMapping) {
      super(name);
      this.template = fixtureText(template);
      this.entityId = entityId;
      this.signsResponse = signsResponse;
      this.nameIdIsEmail = nameIdIsEmail;
      this.claimMapping = claimMapping;
    }

    @Override
    JsonObject connector() {
      return new JsonObject().put("kind", "saml").put("domains", new JsonArray().add(domain()))
          .put("claimMapping", claimMapping).put("parameters", new JsonObject()
              .put("ssoUrl", "https://idp." + domain() + "/sso").put("idpEntityId", entityId)
              .put("x509Certificate", Base64.getEncoder().encodeToString(certificate())));
    }

    private byte[] certificate() {
      try {
        return key.certificate().getEncoded();
      } catch (java.security.cert.CertificateEncodingException unexpected) {
        throw new IllegalStateException(unexpected);
      }
    }

    @Override
    IdpAnswer signIn(String email, Variation variation) throws Exception {
      TestBrowser browser = new TestBrowser();
      HttpResponse<String> start = browser.get(broker.baseUrl + "/login?email=" + email);
      assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
      URI redirect = URI.create(TestBrowser.location(start));
      String relayState = query(redirect, "RelayState");
      String requestId = requestId(query(redirect, "SAMLRequest"));
      Instant now = Instant.now();
      String opaque = "_" + UUID.randomUUID().toString().replace("-", "");
      String xml = template;
      if (variation == Variation.NO_EMAIL) {
        xml = xml.replaceAll("(?s)<!-- email -->.*?<!-- /email -->", "");
      }
      xml = xml.replace("${RESPONSE_ID}", "_r" + UUID.randomUUID().toString().replace("-", ""))
          .replace("${ASSERTION_ID}", "_a" + UUID.randomUUID().toString().replace("-", ""))
          .replace("${NOW}", now.toString()).replace("${NOT_BEFORE}", now.minusSeconds(60).toString())
          .replace("${NOT_ON_OR_AFTER}", now.plusSeconds(300).toString())
          .replace("${DESTINATION}", broker.baseUrl + "/login/saml/acs")
          .replace("${AUDIENCE}", variation == Variation.WRONG_AUDIENCE ? "https://another-sp.example"
              : broker.baseUrl + "/login/saml/metadata")
          .replace("${IN_RESPONSE_TO}", requestId)
          .replace("${ISSUER}", variation == Variation.WRONG_ISSUER ? "https://impostor.example/idp" : entityId)
          .replace("${NAME_ID}", nameIdIsEmail && variation != Variation.NO_EMAIL ? email : opaque)
          .replace("${EMAIL}", email).replace("${NAME}", "User");
      String posted = SamlDocuments.encode(signed(SamlDocuments.parse(xml)));
      return new IdpAnswer() {
        @Override
        public TestBrowser browser() {
          return browser;
        }

        @Override
        public HttpResponse<String> send() throws Exception {
          return browser.post(broker.baseUrl + "/login/saml/acs", Map.of("SAMLResponse", posted,
              "RelayState", relayState), "Accept", "application/json");
        }
      };
    }

    private Document signed(Document response) {
      SamlSigner signer = SamlSigner.with(key).signatureAlgorithm(SignatureAlgorithms.RSA_SHA256);
      signer.sign(SamlDocuments.assertion(response));
      if (signsResponse) {
        SamlSigner.with(key).signatureAlgorithm(SignatureAlgorithms.RSA_SHA256).sign(SamlDocuments.response(response));
      }
      return response;
    }

    @Override
    String noEmailReason() {
      return "invalid_email";
    }

    @Override
    String unverifiedEmailReason() {
      return UNVERIFIED;
    }
  }

  // ------------------------------------------------------------------ the broker

  @BeforeAll
  static void start() throws Exception {
    TestIdp generic = environment.idp("/generic");
    TestIdp entra = environment.idp("/" + TENANT + "/v2.0");
    TestIdp google = environment.idp("/google");
    TestIdp okta = environment.idp("/oauth2/default");
    List<KindUnderTest> all = List.of(
        new OidcKind("oidc", generic, "oidc", new JsonObject().put("discoveryEndpoint", generic.discoveryUrl()), null,
            Map.of("email_verified", false), "email_not_verified"),
        new OidcKind("azure", entra, "azure", new JsonObject().put("tenantId", TENANT).put("tenantType", "single"),
            "entra", Map.of("xms_edov", false), "email_domain_not_verified"),
        new OidcKind("google", google, "google", new JsonObject().put("hostedDomain", "google.example"), "google",
            Map.of("email_verified", false), "email_not_verified"),
        new OidcKind("okta", okta, "okta", new JsonObject().put("oktaDomain", "127.0.0.1:" + okta.port())
            .put("authorizationServerId", "default"), "okta", Map.of("email_verified", false), "email_not_verified"),
        new SamlKind("saml_entra", "saml-entra-response.xml", "https://sts.windows.net/" + TENANT + "/", false, true,
            new JsonObject().put("email", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress")
                .put("name", "http://schemas.microsoft.com/identity/claims/displayname")),
        new SamlKind("saml_okta", "saml-okta-response.xml", "http://www.okta.com/exk1a2b3c4d5e6f7g8h9", true, true,
            new JsonObject().put("email", "email").put("name", "firstName")),
        new SamlKind("saml_adfs", "saml-adfs-response.xml", "http://adfs.contoso.example/adfs/services/trust", false,
            false, new JsonObject().put("email", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress")
                .put("name", "http://schemas.xmlsoap.org/claims/CommonName")));
    JsonObject connectors = new JsonObject();
    StringBuilder users = new StringBuilder();
    for (KindUnderTest kind : all) {
      kinds.put(kind.name, kind);
      connectors.put(kind.org(), new JsonArray().add(kind.connector()));
      users.append(user("user@" + kind.domain(), kind.org(), "active"))
          .append(user("moved@" + kind.domain(), "elsewhere", "active"))
          .append(user("disabled@" + kind.domain(), kind.org(), "disabled"));
    }
    environment.startBroker(work, connectors.encode(), users.toString(), Map.of(),
        "--idp-azure-authority", entra.baseUrl(), "--idp-google-authority", google.issuer(),
        "--idp-okta-scheme", "http", "--login-rate-limit", "0");
    broker = environment.broker();
    logins = environment.logins();
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static String user(String email, String org, String status) {
    return new JsonObject().put("email", email).put("name", "User").put("org", org).put("status", status).encode() + "\n";
  }

  static Stream<String> everyKind() {
    return Stream.of("oidc", "azure", "google", "okta", "saml_entra", "saml_okta", "saml_adfs");
  }

  static Stream<String> kindsThatSayWhetherTheyVerifiedTheEmail() {
    return everyKind().filter(kind -> !kinds.get(kind).unverifiedEmailReason().equals(UNVERIFIED));
  }

  private static JsonObject refused(IdpAnswer answer, LoginFailureCategory category, String reason) throws Exception {
    return logins.assertRejected(answer.send(), answer.browser(), category, reason);
  }

  // ------------------------------------------------------------------ the contract

  @ParameterizedTest
  @MethodSource("everyKind")
  void aUserOfTheDirectorySignsIn(String name) throws Exception {
    KindUnderTest kind = kinds.get(name);
    IdpAnswer answer = kind.signIn("user@" + kind.domain(), Variation.GENUINE);

    HttpResponse<String> callback = answer.send();

    assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
    JsonObject session = new JsonObject(answer.browser().get(broker.baseUrl + "/session").body());
    assertThat(session.getString("email")).isEqualTo("user@" + kind.domain());
    assertThat(session.getString("org")).isEqualTo(kind.org());
    assertThat(session.getString("kind")).isEqualTo(kind.connector().getString("kind"));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void anAnswerFromAnotherIssuerIsRefused(String name) throws Exception {
    KindUnderTest kind = kinds.get(name);
    refused(kind.signIn("user@" + kind.domain(), Variation.WRONG_ISSUER), IDENTITY_EXTRACTION_FAILED, "wrong_issuer");
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void anAnswerForAnotherAudienceIsRefused(String name) throws Exception {
    KindUnderTest kind = kinds.get(name);
    refused(kind.signIn("user@" + kind.domain(), Variation.WRONG_AUDIENCE), IDENTITY_EXTRACTION_FAILED,
        "wrong_audience");
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void aReplayedAnswerIsRefusedAndMakesNoSecondSession(String name) throws Exception {
    KindUnderTest kind = kinds.get(name);
    String email = "user@" + kind.domain();
    IdpAnswer answer = kind.signIn(email, Variation.GENUINE);
    assertThat(answer.send().statusCode()).isEqualTo(302);
    long sessions = logins.sessionsOf(email);

    HttpResponse<String> replayed = answer.send();

    assertThat(replayed.statusCode()).isEqualTo(STATE_INVALID.httpStatus());
    assertThat(new JsonObject(replayed.body()).getString("reason")).isEqualTo("replayed");
    assertThat(logins.sessionsOf(email)).isEqualTo(sessions);
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void anAnswerWithoutAUsableEmailIsRefused(String name) throws Exception {
    KindUnderTest kind = kinds.get(name);
    refused(kind.signIn("user@" + kind.domain(), Variation.NO_EMAIL), EMAIL_VALIDATION_FAILED, kind.noEmailReason());
  }

  @ParameterizedTest
  @MethodSource("kindsThatSayWhetherTheyVerifiedTheEmail")
  void anEmailTheIdpDidNotVerifyIsRefused(String name) throws Exception {
    KindUnderTest kind = kinds.get(name);
    refused(kind.signIn("user@" + kind.domain(), Variation.UNVERIFIED_EMAIL), EMAIL_VALIDATION_FAILED,
        kind.unverifiedEmailReason());
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void aUserOfAnotherOrgIsRefused(String name) throws Exception {
    KindUnderTest kind = kinds.get(name);
    JsonObject event = refused(kind.signIn("moved@" + kind.domain(), Variation.GENUINE), USER_NOT_ALLOWED,
        "org_mismatch");
    assertThat(event.getString("email")).isEqualTo("moved@" + kind.domain());
    assertThat(event.getString("org")).isEqualTo(kind.org());
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void aDisabledUserIsRefused(String name) throws Exception {
    KindUnderTest kind = kinds.get(name);
    refused(kind.signIn("disabled@" + kind.domain(), Variation.GENUINE), USER_NOT_ALLOWED, "user_disabled");
  }

  // ------------------------------------------------------------------ helpers

  private static JsonObject fixture(String file) {
    return new JsonObject(fixtureText(file));
  }

  private static String fixtureText(String file) {
    try (InputStream in = ConnectorContractIT.class.getResourceAsStream("/vendors/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no fixture vendors/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  private static String query(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      if (pair.substring(0, equals).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }

  /** The ID of a redirect-bound AuthnRequest (deflated, then base64). */
  private static String requestId(String samlRequest) throws Exception {
    Inflater inflater = new Inflater(true);
    inflater.setInput(Base64.getDecoder().decode(samlRequest));
    ByteArrayOutputStream xml = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!inflater.finished()) {
      int read = inflater.inflate(buffer);
      if (read == 0 && inflater.needsInput()) {
        break;
      }
      xml.write(buffer, 0, read);
    }
    return SamlDocuments.parse(xml.toString(StandardCharsets.UTF_8)).getDocumentElement().getAttribute("ID");
  }
}
