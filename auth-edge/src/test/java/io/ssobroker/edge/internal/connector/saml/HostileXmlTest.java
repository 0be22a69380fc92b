package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.internal.connector.saml.SamlResponseValidatorTest.IDP_KEY;
import static io.ssobroker.edge.internal.connector.saml.SamlResponseValidatorTest.assertRejected;
import static io.ssobroker.edge.internal.connector.saml.SamlResponseValidatorTest.expected;
import static io.ssobroker.edge.internal.connector.saml.SamlResponseValidatorTest.validatorAt;
import static io.ssobroker.edge.internal.connector.saml.SignatureWrappingTest.assertNoConnection;
import static io.ssobroker.edge.testsaml.TestSamlResponse.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.testsaml.SamlDocuments;
import io.ssobroker.edge.testsaml.SamlSigner;
import io.ssobroker.edge.testsaml.TestSamlResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Hostile XML (DOCTYPEs of every kind, XInclude, deep nesting) and hostile sizes (20 MB, a deflate bomb), each edited
 * into a genuinely signed response: all refused before any signature work, without a connection or a file read.
 */
class HostileXmlTest {

  private static final Duration QUICKLY = Duration.ofSeconds(2);

  private final SamlResponseValidator validator = validatorAt(NOW);

  private static String genuineXml() {
    Document document = TestSamlResponse.genuine().document();
    SamlSigner.with(IDP_KEY).sign(SamlDocuments.assertion(document));
    return SamlDocuments.serialize(document);
  }

  private void assertRejectedQuickly(String posted, LoginReason reason) {
    long started = System.nanoTime();
    assertRejected(() -> validator.validate(posted, expected()), reason);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
  }

  @Test
  void theGenuineResponsePasses() {
    assertThat(validator.validate(SamlDocuments.encode(genuineXml()), expected()).nameId())
        .isEqualTo("alice@acme.test");
  }

  @Test
  void externalEntityIsRefusedWithoutReadingOrConnecting() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String withFile = "<!DOCTYPE samlp:Response [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
          + genuineXml().replace("alice@acme.test</saml:NameID>", "&e;</saml:NameID>");
      String withUrl = "<!DOCTYPE samlp:Response [<!ENTITY e SYSTEM \"http://127.0.0.1:" + listener.getLocalPort()
          + "/e\">]>" + genuineXml().replace("alice@acme.test</saml:NameID>", "&e;</saml:NameID>");

      assertRejectedQuickly(SamlDocuments.encode(withFile), LoginReason.DOCTYPE_NOT_ALLOWED);
      assertRejectedQuickly(SamlDocuments.encode(withUrl), LoginReason.DOCTYPE_NOT_ALLOWED);
      assertNoConnection(listener);
    }
  }

  @Test
  void externalDtdAndParameterEntityAreRefusedWithoutConnecting() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + listener.getLocalPort() + "/dtd";
      String externalDtd = "<!DOCTYPE samlp:Response SYSTEM \"" + url + "\">" + genuineXml();
      String parameterEntity = "<!DOCTYPE samlp:Response [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>" + genuineXml();

      assertRejectedQuickly(SamlDocuments.encode(externalDtd), LoginReason.DOCTYPE_NOT_ALLOWED);
      assertRejectedQuickly(SamlDocuments.encode(parameterEntity), LoginReason.DOCTYPE_NOT_ALLOWED);
      assertNoConnection(listener);
    }
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE samlp:Response [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    String bomb = dtd + genuineXml().replace("alice@acme.test</saml:NameID>", "&lol9;</saml:NameID>");

    assertRejectedQuickly(SamlDocuments.encode(bomb), LoginReason.DOCTYPE_NOT_ALLOWED);
  }

  @Test
  void doctypeInUtf16IsRefusedByTheParserItself() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE samlp:Response SYSTEM \"http://127.0.0.1:"
          + listener.getLocalPort() + "/dtd\">" + genuineXml();
      String posted = Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_16));

      assertRejectedQuickly(posted, LoginReason.DOCTYPE_NOT_ALLOWED);
      assertNoConnection(listener);
    }
  }

  @Test
  void xincludeIsNeverProcessed() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String include = "<samlp:Extensions><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"http://127.0.0.1:"
          + listener.getLocalPort() + "/x\"/></samlp:Extensions>";
      String xml = genuineXml().replaceFirst("</saml:Issuer>", "</saml:Issuer>" + include);

      assertThat(validator.validate(SamlDocuments.encode(xml), expected()).nameId()).isEqualTo("alice@acme.test");
      assertNoConnection(listener);
    }
  }

  @Test
  void twentyMegabytesAreRefusedBeforeDecoding() {
    String padded = genuineXml().replaceFirst("<saml:Issuer>", " ".repeat(20 * 1024 * 1024) + "<saml:Issuer>");

    assertRejectedQuickly(SamlDocuments.encode(padded), LoginReason.TOO_LARGE);
  }

  @Test
  void deflateBombIsNeverInflated() {
    byte[] zeros = new byte[64 * 1024 * 1024];
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(zeros);
    deflater.finish();
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    while (!deflater.finished()) {
      deflated.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    String posted = Base64.getEncoder().encodeToString(deflated.toByteArray());

    assertThat(posted.length()).isLessThan(SamlResponseValidator.DEFAULT_MAX_ENCODED_LENGTH);
    assertRejectedQuickly(posted, LoginReason.MALFORMED_XML);
  }

  @Test
  void veryDeepNestingIsRefused() {
    String deep = "<samlp:Extensions>" + "<x>".repeat(20_000) + "</x>".repeat(20_000) + "</samlp:Extensions>";
    String xml = genuineXml().replaceFirst("</saml:Issuer>", "</saml:Issuer>" + deep);

    assertRejectedQuickly(SamlDocuments.encode(xml), LoginReason.TOO_DEEP);
  }

  @Test
  void nestingUpToTheLimitIsOnlyXml() {
    String deep = "<samlp:Extensions>" + "<x>".repeat(SamlXml.MAX_DEPTH - 3) + "</x>".repeat(SamlXml.MAX_DEPTH - 3)
        + "</samlp:Extensions>";
    String xml = genuineXml().replaceFirst("</saml:Issuer>", "</saml:Issuer>" + deep);

    assertThat(validator.validate(SamlDocuments.encode(xml), expected()).nameId()).isEqualTo("alice@acme.test");
  }

  @Test
  void garbageIsRefusedWithItsOwnReason() {
    assertRejectedQuickly("", LoginReason.MALFORMED_ENCODING);
    assertRejectedQuickly("not base64 at all!", LoginReason.MALFORMED_ENCODING);
    assertRejectedQuickly(SamlDocuments.encode("hello"), LoginReason.MALFORMED_XML);
    assertRejectedQuickly(SamlDocuments.encode("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">"),
        LoginReason.MALFORMED_XML);
  }

  @Test
  void otherMessagesThanAResponseAreRefused() {
    String logout = genuineXml().replace("samlp:Response", "samlp:LogoutResponse");
    String oldVersion = genuineXml().replaceFirst("Version=\"2.0\"", "Version=\"1.1\"");

    assertRejectedQuickly(SamlDocuments.encode(logout), LoginReason.NOT_A_RESPONSE);
    assertRejectedQuickly(SamlDocuments.encode(oldVersion), LoginReason.WRONG_VERSION);
  }

  @Test
  void encryptedAssertionIsRefused() {
    String encrypted = genuineXml().replaceFirst("</samlp:Status>",
        "</samlp:Status><saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\"/>"
            + "</saml:EncryptedAssertion>");

    assertRejectedQuickly(SamlDocuments.encode(encrypted), LoginReason.ENCRYPTED_ASSERTION_UNSUPPORTED);
  }
}
