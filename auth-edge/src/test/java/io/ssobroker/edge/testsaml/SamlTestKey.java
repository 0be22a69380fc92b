package io.ssobroker.edge.testsaml;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A signing key and its self-signed certificate, as an IdP (or an attacker) would have. */
public record SamlTestKey(KeyPair keyPair, X509Certificate certificate) {

  /** Valid from 2020 to 2100, so tests may set their clocks anywhere in between. */
  public static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
  public static final Instant FAR_AHEAD = Instant.parse("2100-01-01T00:00:00Z");

  public static SamlTestKey rsa(String commonName) {
    return rsa(commonName, LONG_AGO, FAR_AHEAD);
  }

  public static SamlTestKey rsa(String commonName, Instant notBefore, Instant notAfter) {
    KeyPair keys = newKeyPair("RSA", 2048);
    X500Principal name = new X500Principal("CN=" + commonName);
    return new SamlTestKey(keys, selfSigned(name, BigInteger.valueOf(System.nanoTime()), notBefore, notAfter, keys,
        "SHA256withRSA"));
  }

  public static SamlTestKey ec(String commonName) {
    KeyPair keys = newKeyPair("EC", 256);
    X500Principal name = new X500Principal("CN=" + commonName);
    return new SamlTestKey(keys, selfSigned(name, BigInteger.valueOf(System.nanoTime()), LONG_AGO, FAR_AHEAD, keys,
        "SHA256withECDSA"));
  }

  /**
   * What an attacker makes of a published IdP certificate: the same subject, issuer, serial number and validity, but
   * the attacker's own key, self-signed.
   */
  public static SamlTestKey cloneOf(X509Certificate original) {
    KeyPair keys = newKeyPair(original.getPublicKey().getAlgorithm(), 2048);
    return new SamlTestKey(keys, selfSigned(original.getSubjectX500Principal(), original.getSerialNumber(),
        original.getNotBefore().toInstant(), original.getNotAfter().toInstant(), keys, "SHA256withRSA"));
  }

  private static KeyPair newKeyPair(String algorithm, int size) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(size);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static X509Certificate selfSigned(X500Principal name, BigInteger serial, Instant notBefore,
      Instant notAfter, KeyPair keys, String signatureAlgorithm) {
    try {
      var builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore), Date.from(notAfter), name,
          keys.getPublic());
      var signer = new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (Exception impossible) {
      throw new IllegalStateException("cannot make a test certificate", impossible);
    }
  }
}
