package io.ssobroker.edge.internal.connector.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.edge.connector.saml.ServiceProvider;
import io.ssobroker.edge.testsaml.KeycloakSamlIdp;
import io.ssobroker.edge.testsaml.SamlBrowser;
import io.ssobroker.edge.testsaml.SamlDocuments;
import io.ssobroker.edge.testsaml.SamlTestKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The SAML core against a real IdP: Keycloak's distribution, started by the test. Its metadata is read by the
 * metadata parser, our (signed) AuthnRequest is accepted by it, and the response it signs after a real login through
 * its login form passes the validator; edited, it does not.
 */
class KeycloakSamlIT {

  private static final Logger LOG = LoggerFactory.getLogger(KeycloakSamlIT.class);
  private static final ServiceProvider SP = ServiceProvider.of(URI.create("https://sso.example.test"));
  private static final SamlTestKey SP_KEY = SamlTestKey.rsa("sso.example.test");
  private static final KeycloakSamlIdp.User ALICE =
      new KeycloakSamlIdp.User("alice", "alice-password-1", "alice@acme.test", "Alice", "Example");

  private static KeycloakSamlIdp keycloak;
  private static IdpMetadata metadata;

  private final SamlResponseValidator validator = new SamlResponseValidator(Clock.systemUTC(), Duration.ofMinutes(2));

  @BeforeAll
  static void startKeycloak() throws Exception {
    keycloak = KeycloakSamlIdp.start(new KeycloakSamlIdp.Settings(SP.entityId(), SP.acsUrl())
        .user(ALICE)
        .requireSignedRequests(SP_KEY.certificate())
        .idpInitiated("broker"));
    LOG.info("Keycloak served its SAML metadata {} ms after its process started", keycloak.startupTime().toMillis());
    HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(keycloak.metadataUrl())
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    metadata = IdpMetadataParser.parse(answer.body());
  }

  @AfterAll
  static void stopKeycloak() throws Exception {
    if (keycloak != null) {
      keycloak.close();
    }
  }

  private AuthnRequestRedirect.Redirect signedRequest(String relayState) {
    return AuthnRequestRedirect.build(metadata, SP, relayState, Instant.now(),
        Optional.of(new RequestSigningKey(SP_KEY.keyPair().getPrivate(), SP_KEY.certificate())));
  }

  @Test
  void keycloaksMetadataNamesItsEntitySsoUrlAndSigningKey() {
    assertThat(metadata.entityId()).isEqualTo(keycloak.entityId());
    assertThat(metadata.ssoRedirectUrl()).isEqualTo(keycloak.ssoUrl());
    assertThat(metadata.signingCertificates()).isNotEmpty();
    assertThat(metadata.lastCertificateExpiry()).hasValueSatisfying(expiry -> assertThat(expiry).isAfter(Instant.now()));
  }

  @Test
  void responseKeycloakSignsAfterARealLoginIsAccepted() throws Exception {
    AuthnRequestRedirect.Redirect request = signedRequest("sealed-state-1");

    SamlBrowser.PostedResponse posted = new SamlBrowser().login(request.location(), ALICE.username(),
        ALICE.password());
    ValidatedAssertion assertion = validator.validate(posted.samlResponse(),
        ExpectedResponse.solicited(SP, metadata, request.requestId()));

    assertThat(posted.action()).isEqualTo(URI.create(SP.acsUrl()));
    assertThat(posted.relayState()).contains("sealed-state-1");
    assertThat(assertion.nameId()).isEqualTo("alice@acme.test");
    assertThat(assertion.issuer()).isEqualTo(keycloak.entityId());
    assertThat(assertion.inResponseTo()).contains(request.requestId());
    assertThat(assertion.attributes()).containsEntry("email", List.of("alice@acme.test"))
        .containsEntry("givenName", List.of("Alice")).containsEntry("surname", List.of("Example"));
    assertThat(assertion.notOnOrAfter()).isAfter(Instant.now());
  }

  @Test
  void keycloaksResponseEditedIsRejected() throws Exception {
    AuthnRequestRedirect.Redirect request = signedRequest("sealed-state-2");
    String genuine = new SamlBrowser().login(request.location(), ALICE.username(), ALICE.password()).samlResponse();
    Document document = SamlDocuments.parse(SamlDocuments.decode(genuine));
    SamlDocuments.first(document, "NameID").setTextContent("admin@acme.test");

    assertThatThrownBy(() -> validator.validate(SamlDocuments.encode(document),
        ExpectedResponse.solicited(SP, metadata, request.requestId())))
        .isInstanceOfSatisfying(SamlRejected.class, rejected -> assertThat(rejected.reason()).isEqualTo("bad_signature"));
  }

  @Test
  void keycloaksResponseToAnotherRequestIsRejected() throws Exception {
    AuthnRequestRedirect.Redirect request = signedRequest("sealed-state-3");
    String genuine = new SamlBrowser().login(request.location(), ALICE.username(), ALICE.password()).samlResponse();

    assertThatThrownBy(() -> validator.validate(genuine, ExpectedResponse.solicited(SP, metadata, "_other-request")))
        .isInstanceOfSatisfying(SamlRejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo("in_response_to_mismatch"));
  }

  @Test
  void keycloakRefusesAnUnsignedRequestWhenItRequiresSignedOnes() throws Exception {
    AuthnRequestRedirect.Redirect unsigned = AuthnRequestRedirect.build(metadata, SP, "state", Instant.now(),
        Optional.empty());

    assertThatThrownBy(() -> new SamlBrowser().login(unsigned.location(), ALICE.username(), ALICE.password()))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the IdP answered 400");
  }

  @Test
  void idpInitiatedResponseIsAcceptedAsUnsolicited() throws Exception {
    URI idpInitiated = URI.create(keycloak.entityId() + "/protocol/saml/clients/broker");

    SamlBrowser.PostedResponse posted = new SamlBrowser().loginAt(idpInitiated, ALICE.username(), ALICE.password());
    ValidatedAssertion assertion = validator.validate(posted.samlResponse(), ExpectedResponse.unsolicited(SP, metadata));

    assertThat(assertion.nameId()).isEqualTo("alice@acme.test");
    assertThat(assertion.inResponseTo()).isEmpty();
  }
}
