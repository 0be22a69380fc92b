package io.ssobroker.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A fleet's certificate authority and one member certificate it signed, made with Debian's openssl. */
record FleetCertificates(Path key, Path cert, Path trust) {

  static FleetCertificates create(Path directory) throws Exception {
    Files.createDirectories(directory);
    run(directory, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=sso fleet test CA", "-days", "2");
    run(directory, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "member.key", "-out", "member.csr", "-subj", "/CN=sso fleet member");
    Files.writeString(directory.resolve("member.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    run(directory, "openssl", "x509", "-req", "-in", "member.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "member.pem", "-days", "2", "-extfile", "member.ext");
    return new FleetCertificates(directory.resolve("member.key"), directory.resolve("member.pem"),
        directory.resolve("ca.pem"));
  }

  /** A second authority's member: a process with it must not get into the fleet. */
  static FleetCertificates foreign(Path directory) throws Exception {
    return create(directory);
  }

  List<String> flags() {
    return List.of("--cluster-tls-key-file", key.toString(), "--cluster-tls-cert-file", cert.toString(),
        "--cluster-tls-trust-file", trust.toString());
  }

  private static void run(Path directory, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(directory.resolve("openssl.log").toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s: %s", String.join(" ", command),
        Files.readString(directory.resolve("openssl.log"))).isZero();
  }
}
