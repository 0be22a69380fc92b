package io.ssobroker.edge.internal.connector.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the AuthnRequest signing key ({@code saml.requestSigningKey}): one PEM file holding an unencrypted PKCS#8 RSA
 * {@code PRIVATE KEY} and its {@code CERTIFICATE}, as {@code openssl req -x509 -newkey rsa:3072 -nodes} writes them
 * (concatenated). The message of a failure names the file, never its content.
 */
public final class RequestSigningKeyFile {

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final Pattern CERTIFICATE =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

  private RequestSigningKeyFile() {}

  public static RequestSigningKey read(Path file) {
    String pem;
    try {
      pem = Files.readString(file);
    } catch (IOException unreadable) {
      throw new IllegalStateException("saml.requestSigningKey: cannot read " + file + ": " + unreadable.getMessage());
    }
    byte[] key = block(PRIVATE_KEY, pem).orElseThrow(() -> new IllegalStateException("saml.requestSigningKey: "
        + file + " holds no unencrypted PKCS#8 PRIVATE KEY block"));
    byte[] certificate = block(CERTIFICATE, pem).orElseThrow(() -> new IllegalStateException("saml.requestSigningKey: "
        + file + " holds no CERTIFICATE block"));
    try {
      PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(key));
      X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(certificate));
      return new RequestSigningKey(privateKey, x509);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException unusable) {
      throw new IllegalStateException("saml.requestSigningKey: " + file + " does not hold an RSA key and its "
          + "certificate (" + unusable.getClass().getSimpleName() + ")");
    }
  }

  private static Optional<byte[]> block(Pattern pattern, String pem) {
    Matcher found = pattern.matcher(pem);
    return found.find() ? Optional.of(Base64.getMimeDecoder().decode(found.group(1).strip())) : Optional.empty();
  }
}
