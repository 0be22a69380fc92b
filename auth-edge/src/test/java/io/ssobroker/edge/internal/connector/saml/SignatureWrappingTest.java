package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.internal.connector.saml.SamlResponseValidatorTest.IDP_KEY;
import static io.ssobroker.edge.internal.connector.saml.SamlResponseValidatorTest.assertRejected;
import static io.ssobroker.edge.internal.connector.saml.SamlResponseValidatorTest.expected;
import static io.ssobroker.edge.internal.connector.saml.SamlResponseValidatorTest.validatorAt;
import static io.ssobroker.edge.testsaml.TestSamlResponse.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.testsaml.SamlDocuments;
import io.ssobroker.edge.testsaml.SamlSigner;
import io.ssobroker.edge.testsaml.TestSamlResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * XML signature wrapping (the XSW1 to XSW8 shapes of SAML Raider and "On Breaking SAML"), moved and retargeted
 * signatures, duplicate IDs, and signature features that fetch or transform. Each starts from a genuinely signed
 * response, proves it passes, then rearranges it the way an attacker holding it would.
 */
class SignatureWrappingTest {

  private static final String EVIL_NAME = "admin@acme.test";

  private final SamlResponseValidator validator = validatorAt(NOW);

  private static Document signedAssertionDocument() {
    Document document = TestSamlResponse.genuine().document();
    SamlSigner.with(IDP_KEY).sign(SamlDocuments.assertion(document));
    return document;
  }

  private static Document signedResponseDocument() {
    Document document = TestSamlResponse.genuine().document();
    SamlSigner.with(IDP_KEY).sign(SamlDocuments.response(document));
    return document;
  }

  /** A copy of the signed assertion saying what the attacker wants, with a new ID and without the signature. */
  private static Element evilAssertion(Element original) {
    Element evil = (Element) original.cloneNode(true);
    evil.setAttributeNS(null, "ID", "_evil");
    removeSignature(evil);
    ((Element) evil.getElementsByTagNameNS(SamlXml.ASSERTION, "NameID").item(0)).setTextContent(EVIL_NAME);
    return evil;
  }

  private static void removeSignature(Element signed) {
    for (Element child : SamlXml.children(signed)) {
      if (SamlXml.is(child, SamlXml.DSIG, "Signature")) {
        signed.removeChild(child);
      }
    }
  }

  private static Element afterIssuer(Element element) {
    return (Element) SamlXml.children(element).get(0);
  }

  private String post(Document document) {
    return SamlDocuments.encode(document);
  }

  @Test
  void theGenuineResponsesPass() {
    assertThat(validator.validate(post(signedAssertionDocument()), expected()).nameId()).isEqualTo("alice@acme.test");
    assertThat(validator.validate(post(signedResponseDocument()), expected()).nameId()).isEqualTo("alice@acme.test");
  }

  @Test
  void xsw1SignedResponseInsideTheSignatureOfAnEvilResponseIsRejected() {
    Document document = signedResponseDocument();
    Element original = SamlDocuments.response(document);
    Element evil = (Element) original.cloneNode(true);
    evil.setAttributeNS(null, "ID", "_evil-response");
    Element evilAssertion = (Element) evil.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").item(0);
    ((Element) evilAssertion.getElementsByTagNameNS(SamlXml.ASSERTION, "NameID").item(0)).setTextContent(EVIL_NAME);
    document.replaceChild(evil, original);
    SamlDocuments.signatureOf(evil).appendChild(original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.MULTIPLE_ASSERTIONS);
  }

  @Test
  void xsw2SignedResponseBesideTheSignatureOfAnEvilResponseIsRejected() {
    Document document = signedResponseDocument();
    Element original = SamlDocuments.response(document);
    Element evil = (Element) original.cloneNode(true);
    evil.setAttributeNS(null, "ID", "_evil-response");
    document.replaceChild(evil, original);
    evil.insertBefore(original, SamlDocuments.signatureOf(evil));

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.MULTIPLE_ASSERTIONS);
  }

  @Test
  void xsw3EvilAssertionBeforeTheSignedOneIsRejected() {
    Document document = signedAssertionDocument();
    Element original = SamlDocuments.assertion(document);
    original.getParentNode().insertBefore(evilAssertion(original), original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.MULTIPLE_ASSERTIONS);
  }

  @Test
  void xsw4EvilAssertionWrappingTheSignedOneIsRejected() {
    Document document = signedAssertionDocument();
    Element original = SamlDocuments.assertion(document);
    Element evil = evilAssertion(original);
    original.getParentNode().replaceChild(evil, original);
    evil.appendChild(original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.MULTIPLE_ASSERTIONS);
  }

  @Test
  void xsw5EvilAssertionCarryingTheSignatureWithTheSignedOneAtTheEndIsRejected() {
    Document document = signedAssertionDocument();
    Element original = SamlDocuments.assertion(document);
    Element evil = evilAssertion(original);
    evil.insertBefore(SamlDocuments.signatureOf(original), afterIssuer(evil).getNextSibling());
    original.getParentNode().insertBefore(evil, original);
    document.getDocumentElement().appendChild(original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.MULTIPLE_ASSERTIONS);
  }

  @Test
  void xsw6SignedAssertionInsideTheSignatureOfAnEvilOneIsRejected() {
    Document document = signedAssertionDocument();
    Element original = SamlDocuments.assertion(document);
    Element evil = evilAssertion(original);
    Element copiedSignature = (Element) SamlDocuments.signatureOf(original).cloneNode(true);
    evil.insertBefore(copiedSignature, afterIssuer(evil).getNextSibling());
    original.getParentNode().replaceChild(evil, original);
    copiedSignature.appendChild(original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.MULTIPLE_ASSERTIONS);
  }

  @Test
  void xsw7SignedAssertionHiddenInExtensionsIsRejected() {
    Document document = signedAssertionDocument();
    Element response = SamlDocuments.response(document);
    Element original = SamlDocuments.assertion(document);
    Element extensions = document.createElementNS(SamlXml.PROTOCOL, "samlp:Extensions");
    response.insertBefore(extensions, afterIssuer(response).getNextSibling());
    response.replaceChild(evilAssertion(original), original);
    extensions.appendChild(original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.MULTIPLE_ASSERTIONS);
  }

  @Test
  void xsw8SignedAssertionInAnObjectOfTheEvilOnesSignatureIsRejected() {
    Document document = signedAssertionDocument();
    Element original = SamlDocuments.assertion(document);
    Element evil = evilAssertion(original);
    Element signature = SamlDocuments.signatureOf(original);
    evil.insertBefore(signature, afterIssuer(evil).getNextSibling());
    Element object = document.createElementNS(SamlXml.DSIG, "ds:Object");
    signature.appendChild(object);
    original.getParentNode().replaceChild(evil, original);
    object.appendChild(original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.MULTIPLE_ASSERTIONS);
  }

  @Test
  void evilAssertionCarryingTheSignatureOfOneNoLongerThereIsRejected() {
    Document document = signedAssertionDocument();
    Element original = SamlDocuments.assertion(document);
    Element evil = evilAssertion(original);
    evil.insertBefore(SamlDocuments.signatureOf(original), afterIssuer(evil).getNextSibling());
    original.getParentNode().replaceChild(evil, original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.REFERENCE_MISMATCH);
  }

  @Test
  void evilAssertionTakingTheSignedOnesIdIsRejected() {
    Document document = signedAssertionDocument();
    Element original = SamlDocuments.assertion(document);
    Element evil = evilAssertion(original);
    evil.setAttributeNS(null, "ID", original.getAttributeNS(null, "ID"));
    evil.insertBefore(SamlDocuments.signatureOf(original), afterIssuer(evil).getNextSibling());
    original.getParentNode().replaceChild(evil, original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.BAD_SIGNATURE);
  }

  @Test
  void signatureUnderTheResponseReferencingTheAssertionIsRejected() {
    Document document = signedAssertionDocument();
    Element response = SamlDocuments.response(document);
    response.insertBefore(SamlDocuments.signatureOf(SamlDocuments.assertion(document)),
        afterIssuer(response).getNextSibling());

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.REFERENCE_MISMATCH);
  }

  @Test
  void signatureUnderTheAssertionReferencingTheResponseIsRejected() {
    Document document = signedResponseDocument();
    Element assertion = SamlDocuments.assertion(document);
    assertion.insertBefore(SamlDocuments.signatureOf(SamlDocuments.response(document)),
        afterIssuer(assertion).getNextSibling());

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.REFERENCE_MISMATCH);
  }

  @Test
  void responseSignatureCoveringOnlyAnotherElementIsRejected() {
    Document document = TestSamlResponse.genuine().document();
    Element response = SamlDocuments.response(document);
    Element extensions = document.createElementNS(SamlXml.PROTOCOL, "samlp:Extensions");
    extensions.setAttributeNS(null, "ID", "_extensions");
    response.insertBefore(extensions, afterIssuer(response).getNextSibling());
    SamlSigner.with(IDP_KEY).referenceUri("#_extensions").sign(response);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.REFERENCE_MISMATCH);
  }

  @Test
  void unsignedAssertionSwappedIntoASignedResponseIsRejected() {
    Document document = signedResponseDocument();
    Element original = SamlDocuments.assertion(document);
    Element evil = evilAssertion(original);
    evil.setAttributeNS(null, "ID", original.getAttributeNS(null, "ID"));
    original.getParentNode().replaceChild(evil, original);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.BAD_SIGNATURE);
  }

  @Test
  void twoGenuinelySignedAssertionsAreRejected() {
    Document document = signedAssertionDocument();
    Document other = TestSamlResponse.genuine().assertionId("_assertion-0002").document();
    Element second = (Element) document.importNode(SamlDocuments.assertion(other), true);
    document.getDocumentElement().appendChild(second);
    SamlSigner.with(IDP_KEY).sign(second);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.MULTIPLE_ASSERTIONS);
  }

  @Test
  void duplicateIdElsewhereInTheDocumentIsRejected() {
    Document document = signedAssertionDocument();
    Element response = SamlDocuments.response(document);
    Element extensions = document.createElementNS(SamlXml.PROTOCOL, "samlp:Extensions");
    extensions.setAttributeNS(null, "ID", "_assertion-0001");
    response.insertBefore(extensions, afterIssuer(response).getNextSibling());

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.DUPLICATE_ID);
  }

  @Test
  void idRegisteredBySignatureMachineryIsNoWayInEither() {
    Document document = signedAssertionDocument();
    Element keyInfo = (Element) SamlDocuments.signatureOf(SamlDocuments.assertion(document))
        .getElementsByTagNameNS(SamlXml.DSIG, "KeyInfo").item(0);
    keyInfo.setAttributeNS(null, "Id", "_assertion-0001");

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.DUPLICATE_ID);
  }

  @Test
  void responseAndAssertionSharingAnIdAreRejected() {
    Document document = TestSamlResponse.genuine().responseId("_same").assertionId("_same").document();
    SamlSigner.with(IDP_KEY).sign(SamlDocuments.assertion(document));

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.DUPLICATE_ID);
  }

  @Test
  void signatureAnywhereElseIsRejected() {
    Document document = signedAssertionDocument();
    Element subject = SamlDocuments.first(document, "Subject");
    subject.appendChild(SamlDocuments.signatureOf(SamlDocuments.assertion(document)));

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.UNEXPECTED_SIGNATURE);
  }

  @Test
  void xsltTransformIsRejectedBeforeAnyTransformRuns() {
    Document document = signedAssertionDocument();
    Element transforms = (Element) document.getElementsByTagNameNS(SamlXml.DSIG, "Transforms").item(0);
    Element xslt = document.createElementNS(SamlXml.DSIG, "ds:Transform");
    xslt.setAttributeNS(null, "Algorithm", "http://www.w3.org/TR/1999/REC-xslt-19991116");
    transforms.appendChild(xslt);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.TRANSFORM_NOT_ALLOWED);
  }

  @Test
  void xpathTransformIsRejected() {
    Document document = signedAssertionDocument();
    Element transforms = (Element) document.getElementsByTagNameNS(SamlXml.DSIG, "Transforms").item(0);
    Element xpath = document.createElementNS(SamlXml.DSIG, "ds:Transform");
    xpath.setAttributeNS(null, "Algorithm", "http://www.w3.org/TR/1999/REC-xpath-19991116");
    Element expression = document.createElementNS(SamlXml.DSIG, "ds:XPath");
    expression.setTextContent("not(ancestor-or-self::saml:NameID)");
    xpath.appendChild(expression);
    transforms.insertBefore(xpath, transforms.getFirstChild());

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.TRANSFORM_NOT_ALLOWED);
  }

  @Test
  void objectOrManifestInTheSignatureIsRejected() {
    Document document = signedAssertionDocument();
    Element signature = SamlDocuments.signatureOf(SamlDocuments.assertion(document));
    Element object = document.createElementNS(SamlXml.DSIG, "ds:Object");
    object.appendChild(document.createElementNS(SamlXml.DSIG, "ds:Manifest"));
    signature.appendChild(object);

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.SIGNATURE_CONTENT_NOT_ALLOWED);
  }

  @Test
  void externalReferenceIsRejectedWithoutConnecting() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Document document = signedAssertionDocument();
      Element reference = (Element) document.getElementsByTagNameNS(SamlXml.DSIG, "Reference").item(0);
      reference.setAttributeNS(null, "URI", "http://127.0.0.1:" + listener.getLocalPort() + "/assertion");

      assertRejected(() -> validator.validate(post(document), expected()), LoginReason.REFERENCE_MISMATCH);
      assertNoConnection(listener);
    }
  }

  @Test
  void wholeDocumentReferenceIsRejected() {
    Document document = signedAssertionDocument();
    Element reference = (Element) document.getElementsByTagNameNS(SamlXml.DSIG, "Reference").item(0);
    reference.setAttributeNS(null, "URI", "");

    assertRejected(() -> validator.validate(post(document), expected()), LoginReason.REFERENCE_MISMATCH);
  }

  @Test
  void keyInfoIsNeverFollowed() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Document document = signedAssertionDocument();
      Element keyInfo = (Element) document.getElementsByTagNameNS(SamlXml.DSIG, "KeyInfo").item(0);
      Element retrieval = document.createElementNS(SamlXml.DSIG, "ds:RetrievalMethod");
      retrieval.setAttributeNS(null, "URI", "http://127.0.0.1:" + listener.getLocalPort() + "/key");
      keyInfo.insertBefore(retrieval, keyInfo.getFirstChild());

      assertThat(validator.validate(post(document), expected()).nameId()).isEqualTo("alice@acme.test");
      assertNoConnection(listener);
    }
  }

  static void assertNoConnection(ServerSocket listener) throws IOException {
    listener.setSoTimeout(200);
    try (var accepted = listener.accept()) {
      throw new AssertionError("the validator connected to " + accepted.getLocalSocketAddress());
    } catch (SocketTimeoutException none) {
      // expected: nobody called
    }
  }
}
