package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.platform.connector.X509Certificates;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** X.509 certificates as SAML carries them: base64 DER, possibly wrapped in PEM armour and line breaks. */
final class Certificates {

  private Certificates() {}

  public static X509Certificate parse(String pemOrBase64) {
    return X509Certificates.parse(pemOrBase64).orElseThrow(() -> new InvalidMetadata("not an X.509 certificate"));
  }

  /** The base64 DER of a certificate, as metadata and KeyInfo carry it. */
  public static String base64(X509Certificate certificate) {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (java.security.cert.CertificateEncodingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
