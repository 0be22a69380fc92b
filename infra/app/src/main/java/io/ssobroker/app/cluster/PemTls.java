package io.ssobroker.app.cluster;

import io.ssobroker.platform.config.ClusterSettings;
import io.ssobroker.platform.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The membership's TLS context from the same PEM files as the event bus's (Vert.x reads those itself): this process's
 * key and certificate, and the authorities whose certificates it accepts from the other side, in both directions.
 */
final class PemTls {

  private static final char[] IN_MEMORY = new char[0];

  private PemTls() {}

  static SSLContext context(ClusterSettings.Tls tls) {
    try {
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      List<? extends Certificate> chain = certificates(tls.certFile(), "cluster.tls.certFile");
      identity.setKeyEntry("member", privateKey(tls.keyFile()), IN_MEMORY, chain.toArray(Certificate[]::new));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity, IN_MEMORY);

      KeyStore authorities = KeyStore.getInstance("PKCS12");
      authorities.load(null, null);
      int index = 0;
      for (Certificate authority : certificates(tls.trustFile(), "cluster.tls.trustFile")) {
        authorities.setCertificateEntry("authority-" + index++, authority);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(authorities);

      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException failure) {
      throw new ConfigException("configuration cluster.tls: the key, certificate and trust files do not make a TLS "
          + "context: " + failure.getMessage());
    }
  }

  private static List<? extends Certificate> certificates(Path file, String key) throws IOException {
    try (var in = Files.newInputStream(file)) {
      Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (read.isEmpty()) {
        throw new ConfigException("configuration " + key + ": " + file + " holds no PEM certificate");
      }
      return List.copyOf(read);
    } catch (java.security.cert.CertificateException unreadable) {
      throw new ConfigException("configuration " + key + ": " + file + " is not a PEM certificate file: "
          + unreadable.getMessage());
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new ConfigException("configuration cluster.tls.keyFile: " + file + " must hold an unencrypted PKCS#8 key "
          + "(-----BEGIN PRIVATE KEY-----; convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisAlgorithm) {
        // the next one
      }
    }
    throw new ConfigException("configuration cluster.tls.keyFile: " + file + " is not an EC, RSA or Ed25519 key");
  }
}
