package io.ssobroker.platform.connector;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/** X.509 certificates as connectors and SAML metadata carry them: base64 DER, possibly in PEM armour and line breaks. */
public final class X509Certificates {

  private X509Certificates() {}

  /** Empty when the text is not one readable certificate. */
  public static Optional<X509Certificate> parse(String pemOrBase64) {
    String body = pemOrBase64
        .replace("-----BEGIN CERTIFICATE-----", "")
        .replace("-----END CERTIFICATE-----", "")
        .replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der)));
    } catch (IllegalArgumentException | CertificateException | ClassCastException unreadable) {
      return Optional.empty();
    }
  }
}
