package io.ssobroker.platform.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.TestCertificates;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The expiry date of a SAML connector's IdP certificates, read from what the connector itself carries. */
class SamlCertificateExpiryTest {

  private static final String SOON = TestCertificates.selfSigned("soon", 10);
  private static final String LATER = TestCertificates.selfSigned("later", 400);
  private static final String ENCRYPTION = TestCertificates.selfSigned("encryption", 900);

  private static SamlSettings manual(String certificate) {
    return new SamlSettings(Optional.empty(), Optional.empty(), Optional.of("https://idp.example.com/sso"),
        Optional.of("https://idp.example.com"), Optional.of(certificate), false);
  }

  private static SamlSettings inline(String metadata) {
    return new SamlSettings(Optional.empty(), Optional.of(metadata), Optional.empty(), Optional.empty(),
        Optional.empty(), false);
  }

  private static String metadata(String... keyDescriptors) {
    return """
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
          <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">%s
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>""".formatted(String.join("", keyDescriptors));
  }

  private static String key(String use, String pem) {
    return """
        <md:KeyDescriptor%s><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
          <ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"""
        .formatted(use == null ? "" : " use=\"" + use + "\"", TestCertificates.base64(pem));
  }

  private static LocalDate inDays(int days) {
    return LocalDate.now(ZoneOffset.UTC).plusDays(days);
  }

  @Test
  void aWrittenCertificateGivesItsExpiry() {
    assertThat(SamlCertificateExpiry.of(manual(SOON))).hasValueSatisfying(date ->
        assertThat(date).isBetween(inDays(9), inDays(11)));
  }

  @Test
  void inlineMetadataGivesTheLatestSigningCertificateAndIgnoresEncryptionKeys() {
    assertThat(SamlCertificateExpiry.of(inline(metadata(key("signing", SOON), key(null, LATER),
        key("encryption", ENCRYPTION))))).hasValueSatisfying(date -> assertThat(date).isBetween(inDays(399), inDays(401)));
    assertThat(SamlCertificateExpiry.of(inline(metadata(key("signing", SOON))))).hasValueSatisfying(date ->
        assertThat(date).isBetween(inDays(9), inDays(11)));
  }

  @Test
  void metadataWithADoctypeOrNoCertificateGivesNoDate() {
    assertThat(SamlCertificateExpiry.of(inline("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + metadata(key("signing", SOON))))).isEmpty();
    assertThat(SamlCertificateExpiry.of(inline(metadata()))).isEmpty();
    assertThat(SamlCertificateExpiry.of(manual("not a certificate"))).isEmpty();
    assertThat(SamlCertificateExpiry.of(new SamlSettings(Optional.of("https://idp.example.com/metadata"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false))).isEmpty();
  }
}
