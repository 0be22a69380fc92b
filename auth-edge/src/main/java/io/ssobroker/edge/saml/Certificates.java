package io.ssobroker.edge.saml;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** X.509 certificates as SAML carries them: base64 DER, possibly wrapped in PEM armour and line breaks. */
public final class Certificates {

  private Certificates() {}

  public static X509Certificate parse(String pemOrBase64) {
    String body = pemOrBase64
        .replace("-----BEGIN CERTIFICATE-----", "")
        .replace("-----END CERTIFICATE-----", "")
        .replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (IllegalArgumentException | CertificateException | ClassCastException unreadable) {
      throw new InvalidMetadata("not an X.509 certificate");
    }
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
