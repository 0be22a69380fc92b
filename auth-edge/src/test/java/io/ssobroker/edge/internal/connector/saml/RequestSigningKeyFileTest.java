package io.ssobroker.edge.internal.connector.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.edge.testsaml.SamlTestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestSigningKeyFileTest {

  private static final SamlTestKey KEY = SamlTestKey.rsa("sp.example.test");

  @TempDir
  Path work;

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Test
  void readsTheKeyAndCertificateOfOnePemFile() throws Exception {
    Path file = Files.writeString(work.resolve("sp.pem"), pem("PRIVATE KEY", KEY.keyPair().getPrivate().getEncoded())
        + pem("CERTIFICATE", KEY.certificate().getEncoded()));

    RequestSigningKey read = RequestSigningKeyFile.read(file);

    assertThat(read.certificate()).isEqualTo(KEY.certificate());
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(read.privateKey());
    signature.update(new byte[] {1, 2, 3});
    byte[] signed = signature.sign();
    signature.initVerify(KEY.certificate().getPublicKey());
    signature.update(new byte[] {1, 2, 3});
    assertThat(signature.verify(signed)).isTrue();
  }

  @Test
  void aFileWithoutAPrivateKeyIsRefusedWithoutItsContent() throws Exception {
    Path file = Files.writeString(work.resolve("cert-only.pem"), pem("CERTIFICATE", KEY.certificate().getEncoded()));

    assertThatThrownBy(() -> RequestSigningKeyFile.read(file))
        .hasMessageStartingWith("saml.requestSigningKey: ")
        .hasMessageContaining("no unencrypted PKCS#8 PRIVATE KEY")
        .hasMessageNotContaining("MII");
  }
}
