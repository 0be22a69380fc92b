package io.ssobroker.edge.internal.connector.saml;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.saml.ServiceProvider;
import io.ssobroker.edge.connector.saml.SignatureAlgorithms;
import io.ssobroker.edge.testsaml.SamlTestKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class AuthnRequestRedirectTest {

  private static final SamlTestKey SP_KEY = SamlTestKey.rsa("sso.example.test");
  private static final ServiceProvider SP = ServiceProvider.of(URI.create("https://sso.example.test/"));
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.123Z");

  private static IdpMetadata idp(String ssoUrl) {
    return new IdpMetadata("https://idp.example.test/realms/acme", URI.create(ssoUrl),
        List.of(SamlTestKey.rsa("idp.example.test").certificate()), false);
  }

  @Test
  void serviceProviderUrlsComeFromThePublicBaseUrlOnly() {
    assertThat(SP.entityId()).isEqualTo("https://sso.example.test/login/saml/metadata");
    assertThat(SP.acsUrl()).isEqualTo("https://sso.example.test/login/saml/acs");
  }

  @Test
  void requestIsDeflatedBase64AndAsksForAPostToOurAcs() {
    AuthnRequestRedirect.Redirect redirect = AuthnRequestRedirect.build(
        idp("https://idp.example.test/realms/acme/protocol/saml"), SP, "sealed-state", NOW, Optional.empty());

    Map<String, String> query = query(redirect.location());
    assertThat(redirect.location().toString()).startsWith("https://idp.example.test/realms/acme/protocol/saml?");
    assertThat(query).containsOnlyKeys("SAMLRequest", "RelayState").containsEntry("RelayState", "sealed-state");
    Element request = SamlXml.parse(inflate(query.get("SAMLRequest"))).getDocumentElement();
    assertThat(SamlXml.is(request, SamlXml.PROTOCOL, "AuthnRequest")).isTrue();
    assertThat(request.getAttribute("ID")).isEqualTo(redirect.requestId()).matches("_[0-9a-f]{32}");
    assertThat(request.getAttribute("Version")).isEqualTo("2.0");
    assertThat(request.getAttribute("IssueInstant")).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(request.getAttribute("Destination")).isEqualTo("https://idp.example.test/realms/acme/protocol/saml");
    assertThat(request.getAttribute("AssertionConsumerServiceURL")).isEqualTo(SP.acsUrl());
    assertThat(request.getAttribute("ProtocolBinding")).isEqualTo("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
    assertThat(SamlXml.text(SamlXml.children(request, SamlXml.ASSERTION, "Issuer").get(0))).isEqualTo(SP.entityId());
  }

  @Test
  void everyRequestHasItsOwnId() {
    IdpMetadata idp = idp("https://idp.example.test/sso");
    assertThat(AuthnRequestRedirect.build(idp, SP, "s", NOW, Optional.empty()).requestId())
        .isNotEqualTo(AuthnRequestRedirect.build(idp, SP, "s", NOW, Optional.empty()).requestId());
  }

  @Test
  void signatureCoversTheExactEncodedQuery() throws Exception {
    AuthnRequestRedirect.Redirect redirect = AuthnRequestRedirect.build(idp("https://idp.example.test/sso?tenant=a+b"),
        SP, "state with spaces/+", NOW, Optional.of(new RequestSigningKey(SP_KEY.keyPair().getPrivate(),
            SP_KEY.certificate())));

    String rawQuery = redirect.location().getRawQuery();
    assertThat(rawQuery).startsWith("tenant=a+b&SAMLRequest=");
    String signedPart = rawQuery.substring(rawQuery.indexOf("SAMLRequest="), rawQuery.indexOf("&Signature="));
    Map<String, String> query = query(redirect.location());
    assertThat(query).containsEntry("SigAlg", SignatureAlgorithms.RSA_SHA256)
        .containsEntry("RelayState", "state with spaces/+");
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(SP_KEY.certificate().getPublicKey());
    verifier.update(signedPart.getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(Base64.getDecoder().decode(query.get("Signature")))).isTrue();
  }

  @Test
  void spMetadataNamesOurEndpointsAndSigningCertificate() {
    String xml = SpMetadata.xml(SP, Optional.of(SP_KEY.certificate()));

    Element entity = SamlXml.parse(xml).getDocumentElement();
    assertThat(entity.getAttribute("entityID")).isEqualTo(SP.entityId());
    Element descriptor = SamlXml.children(entity, SamlXml.METADATA, "SPSSODescriptor").get(0);
    assertThat(descriptor.getAttribute("AuthnRequestsSigned")).isEqualTo("true");
    Element acs = SamlXml.children(descriptor, SamlXml.METADATA, "AssertionConsumerService").get(0);
    assertThat(acs.getAttribute("Location")).isEqualTo(SP.acsUrl());
    assertThat(xml).contains(Certificates.base64(SP_KEY.certificate()));
  }

  static Map<String, String> query(URI location) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : location.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      values.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    values.remove("tenant");
    return values;
  }

  /** Inflates what an IdP receives, bounded as an IdP should. */
  static byte[] inflate(String samlRequest) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(Base64.getDecoder().decode(samlRequest));
      ByteArrayOutputStream inflated = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      while (!inflater.finished() && inflated.size() < 64 * 1024) {
        inflated.write(buffer, 0, inflater.inflate(buffer));
      }
      return inflated.toByteArray();
    } catch (Exception malformed) {
      throw new IllegalStateException(malformed);
    } finally {
      inflater.end();
    }
  }
}
