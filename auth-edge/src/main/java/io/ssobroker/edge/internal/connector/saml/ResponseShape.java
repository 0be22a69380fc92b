package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.internal.connector.saml.SamlXml.ASSERTION;
import static io.ssobroker.edge.internal.connector.saml.SamlXml.DSIG;
import static io.ssobroker.edge.internal.connector.saml.SamlXml.PROTOCOL;

import io.ssobroker.edge.connector.LoginReason;
import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The shape a response must have before any signature is looked at, which is what defeats signature wrapping
 * structurally: a {@code samlp:Response} root; exactly one {@code saml:Assertion} in the whole document, and it is a
 * child of that root; signatures only as a child of the Response or of the Assertion, one each at most; and the IDs
 * of the Response and the Assertion carried by no other attribute anywhere (whatever its name: {@code ID},
 * {@code Id}, {@code id}, {@code xml:id}).
 */
final class ResponseShape {

  private ResponseShape() {}

  static Element response(Document document) {
    Element root = document.getDocumentElement();
    if (!SamlXml.is(root, PROTOCOL, "Response")) {
      throw new SamlRejected(LoginReason.NOT_A_RESPONSE);
    }
    if (!"2.0".equals(root.getAttributeNS(null, "Version"))) {
      throw new SamlRejected(LoginReason.WRONG_VERSION);
    }
    return root;
  }

  static Element soleAssertion(Document document, Element response) {
    if (!SamlXml.everywhere(document, ASSERTION, "EncryptedAssertion").isEmpty()) {
      throw new SamlRejected(LoginReason.ENCRYPTED_ASSERTION_UNSUPPORTED);
    }
    List<Element> assertions = SamlXml.everywhere(document, ASSERTION, "Assertion");
    if (assertions.isEmpty()) {
      throw new SamlRejected(LoginReason.MISSING_ASSERTION);
    }
    if (assertions.size() > 1 || SamlXml.everywhere(document, PROTOCOL, "Response").size() > 1) {
      throw new SamlRejected(LoginReason.MULTIPLE_ASSERTIONS);
    }
    Element assertion = assertions.get(0);
    if (assertion.getParentNode() != response) {
      throw new SamlRejected(LoginReason.ASSERTION_MISPLACED);
    }
    return assertion;
  }

  static void checkSignaturePlacement(Document document, Element response, Element assertion) {
    for (Element signature : SamlXml.everywhere(document, DSIG, "Signature")) {
      if (signature.getParentNode() != response && signature.getParentNode() != assertion) {
        throw new SamlRejected(LoginReason.UNEXPECTED_SIGNATURE);
      }
    }
    EnvelopedSignature.of(response);
    EnvelopedSignature.of(assertion);
  }

  static void checkIds(Document document, Element response, Element assertion) {
    String responseId = requiredId(response);
    String assertionId = requiredId(assertion);
    if (responseId.equals(assertionId)) {
      throw new SamlRejected(LoginReason.DUPLICATE_ID);
    }
    NodeList elements = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      NamedNodeMap attributes = element.getAttributes();
      for (int j = 0; j < attributes.getLength(); j++) {
        Attr attribute = (Attr) attributes.item(j);
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        if (!name.equalsIgnoreCase("id")) {
          continue;
        }
        String value = attribute.getValue().strip();
        boolean isResponseId = value.equals(responseId) && element != response;
        boolean isAssertionId = value.equals(assertionId) && element != assertion;
        if (isResponseId || isAssertionId) {
          throw new SamlRejected(LoginReason.DUPLICATE_ID);
        }
      }
    }
  }

  private static String requiredId(Element element) {
    return SamlXml.attribute(element, "ID").map(String::strip).filter(id -> !id.isEmpty())
        .orElseThrow(() -> new SamlRejected(LoginReason.MISSING_ID));
  }
}
