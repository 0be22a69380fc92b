package io.ssobroker.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Self-signed X.509 certificates made by the JDK's keytool, valid for a given number of days from today. */
public final class TestCertificates {

  private TestCertificates() {}

  /** A PEM certificate valid for {@code days} days. */
  public static String selfSigned(String commonName, int days) {
    try {
      Path directory = Files.createTempDirectory("sso-test-cert");
      Path keystore = directory.resolve("keystore.p12");
      run("-genkeypair", "-alias", "idp", "-keyalg", "RSA", "-keysize", "2048", "-validity", String.valueOf(days),
          "-dname", "CN=" + commonName, "-keystore", keystore.toString(), "-storepass", "changeit",
          "-storetype", "PKCS12");
      Path pem = directory.resolve("certificate.pem");
      run("-exportcert", "-rfc", "-alias", "idp", "-keystore", keystore.toString(), "-storepass", "changeit",
          "-file", pem.toString());
      return Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException | InterruptedException failure) {
      throw new IllegalStateException("keytool failed: " + failure.getMessage(), failure);
    }
  }

  /** The base64 body of a PEM certificate, as SAML metadata carries it. */
  public static String base64(String pem) {
    return pem.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").replaceAll("\\s", "");
  }

  private static void run(String... arguments) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keytool.waitFor() != 0) {
      throw new IOException(String.join(" ", arguments) + ": " + output);
    }
  }
}
