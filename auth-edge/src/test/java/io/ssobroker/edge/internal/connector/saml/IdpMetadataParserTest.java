package io.ssobroker.edge.internal.connector.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.edge.testsaml.SamlTestKey;
import io.ssobroker.platform.connector.SamlSettings;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdpMetadataParserTest {

  private static final SamlTestKey CURRENT = SamlTestKey.rsa("idp-current.example.test",
      Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
  private static final SamlTestKey NEXT = SamlTestKey.rsa("idp-next.example.test",
      Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2029-01-01T00:00:00Z"));
  private static final SamlTestKey ENCRYPTION = SamlTestKey.rsa("idp-encryption.example.test");

  static String keyDescriptor(String use, X509Certificate certificate) {
    return "<md:KeyDescriptor" + (use == null ? "" : " use=\"" + use + "\"") + ">"
        + "<ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>\n"
        + Base64.getMimeEncoder().encodeToString(encoded(certificate))
        + "\n</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>";
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (Exception impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static String metadata(String keyDescriptors, String ssoServices) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
        + " entityID=\"https://idp.example.test/realms/acme\">"
        + "<md:IDPSSODescriptor WantAuthnRequestsSigned=\"true\""
        + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
        + keyDescriptors
        + "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>"
        + ssoServices
        + "</md:IDPSSODescriptor></md:EntityDescriptor>";
  }

  static final String SSO_SERVICES =
      "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\""
          + " Location=\"https://idp.example.test/post\"/>"
          + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
          + " Location=\"https://idp.example.test/realms/acme/protocol/saml\"/>";

  @Test
  void readsEntityIdRedirectUrlAndEverySigningCertificate() {
    String xml = metadata(keyDescriptor("signing", CURRENT.certificate()) + keyDescriptor(null, NEXT.certificate())
        + keyDescriptor("encryption", ENCRYPTION.certificate()), SSO_SERVICES);

    IdpMetadata idp = IdpMetadataParser.parse(xml);

    assertThat(idp.entityId()).isEqualTo("https://idp.example.test/realms/acme");
    assertThat(idp.ssoRedirectUrl()).isEqualTo(URI.create("https://idp.example.test/realms/acme/protocol/saml"));
    assertThat(idp.signingCertificates()).containsExactly(CURRENT.certificate(), NEXT.certificate());
    assertThat(idp.wantsSignedRequests()).isTrue();
    assertThat(idp.certificateExpiries())
        .containsExactly(Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2029-01-01T00:00:00Z"));
    assertThat(idp.lastCertificateExpiry()).contains(Instant.parse("2029-01-01T00:00:00Z"));
  }

  @Test
  void readsTheOneIdpOfAnEntitiesDescriptor() {
    String entity = metadata(keyDescriptor("signing", CURRENT.certificate()), SSO_SERVICES)
        .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
    String xml = "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">" + entity
        + "</md:EntitiesDescriptor>";

    assertThat(IdpMetadataParser.parse(xml).entityId()).isEqualTo("https://idp.example.test/realms/acme");
  }

  @Test
  void explainsWhatIsMissing() {
    assertThatThrownBy(() -> IdpMetadataParser.parse(metadata("", SSO_SERVICES)))
        .isInstanceOf(InvalidMetadata.class).hasMessageContaining("no signing certificate");
    assertThatThrownBy(() -> IdpMetadataParser.parse(metadata(keyDescriptor("signing", CURRENT.certificate()), "")))
        .isInstanceOf(InvalidMetadata.class).hasMessageContaining("HTTP-Redirect");
    assertThatThrownBy(() -> IdpMetadataParser.parse("<html/>"))
        .isInstanceOf(InvalidMetadata.class).hasMessageContaining("EntityDescriptor");
    assertThatThrownBy(() -> IdpMetadataParser.parse(metadata(keyDescriptor("signing", CURRENT.certificate()),
        SSO_SERVICES).replace("MII", "XXX")))
        .isInstanceOf(InvalidMetadata.class).hasMessageContaining("certificate");
  }

  @Test
  void refusesADoctype() {
    String xml = "<!DOCTYPE md:EntityDescriptor [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + metadata(keyDescriptor("signing", CURRENT.certificate()), SSO_SERVICES)
        .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");

    assertThatThrownBy(() -> IdpMetadataParser.parse(xml)).isInstanceOf(InvalidMetadata.class)
        .hasMessageContaining("doctype_not_allowed");
  }

  @Test
  void readsTheManualFieldsWithSeveralPemCertificates() {
    String pem = pem(CURRENT.certificate()) + "\n" + pem(NEXT.certificate());
    SamlSettings settings = new SamlSettings(Optional.empty(), Optional.empty(),
        Optional.of("https://idp.example.test/sso"), Optional.of("https://idp.example.test/entity"), Optional.of(pem),
        false);

    IdpMetadata idp = IdpMetadataParser.fromSettings(settings);

    assertThat(idp.entityId()).isEqualTo("https://idp.example.test/entity");
    assertThat(idp.ssoRedirectUrl()).isEqualTo(URI.create("https://idp.example.test/sso"));
    assertThat(idp.signingCertificates()).containsExactly(CURRENT.certificate(), NEXT.certificate());
  }

  @Test
  void readsInlineMetadataFromTheSettings() {
    SamlSettings settings = new SamlSettings(Optional.empty(),
        Optional.of(metadata(keyDescriptor("signing", CURRENT.certificate()), SSO_SERVICES)), Optional.empty(),
        Optional.empty(), Optional.empty(), false);

    assertThat(IdpMetadataParser.fromSettings(settings).signingCertificates()).containsExactly(CURRENT.certificate());
  }

  static String pem(X509Certificate certificate) {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(encoded(certificate))
        + "\n-----END CERTIFICATE-----";
  }
}
