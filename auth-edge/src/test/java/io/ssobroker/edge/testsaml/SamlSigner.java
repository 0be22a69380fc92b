package io.ssobroker.edge.testsaml;

import io.ssobroker.edge.connector.saml.SignatureAlgorithms;
import io.ssobroker.edge.internal.connector.saml.SamlXml;
import org.apache.xml.security.Init;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Signs a SAML element the way IdPs do: an enveloped signature placed right after the element's Issuer, one reference
 * to the element's ID, enveloped-signature and exclusive canonicalization transforms, and the certificate in KeyInfo.
 * The algorithms are parameters so that tests can sign with refused ones too.
 */
public final class SamlSigner {

  static {
    Init.init();
  }

  private final SamlTestKey key;
  private String signatureAlgorithm = SignatureAlgorithms.RSA_SHA256;
  private String digestAlgorithm = SignatureAlgorithms.SHA256;
  private String canonicalization = SignatureAlgorithms.EXCLUSIVE_C14N;
  private String referenceUri;
  private boolean keyInfo = true;

  private SamlSigner(SamlTestKey key) {
    this.key = key;
  }

  public static SamlSigner with(SamlTestKey key) {
    return new SamlSigner(key);
  }

  public SamlSigner signatureAlgorithm(String uri) {
    this.signatureAlgorithm = uri;
    return this;
  }

  public SamlSigner digestAlgorithm(String uri) {
    this.digestAlgorithm = uri;
    return this;
  }

  public SamlSigner canonicalization(String uri) {
    this.canonicalization = uri;
    return this;
  }

  /** Signs whatever this URI names instead of the element's own ID (it must resolve in the document). */
  public SamlSigner referenceUri(String uri) {
    this.referenceUri = uri;
    return this;
  }

  public SamlSigner withoutKeyInfo() {
    this.keyInfo = false;
    return this;
  }

  /** Signs the element in place and answers the new {@code ds:Signature} element. */
  public Element sign(Element element) {
    try {
      var document = element.getOwnerDocument();
      String id = element.getAttributeNS(null, "ID");
      element.setIdAttributeNS(null, "ID", true);
      XMLSignature signature = new XMLSignature(document, "", signatureAlgorithm, canonicalization);
      element.insertBefore(signature.getElement(), afterIssuer(element));
      Transforms transforms = new Transforms(document);
      transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
      transforms.addTransform(SignatureAlgorithms.EXCLUSIVE_C14N);
      if (referenceUri != null) {
        registerId(document, referenceUri.substring(1));
      }
      signature.addDocument(referenceUri != null ? referenceUri : "#" + id, transforms, digestAlgorithm);
      if (keyInfo) {
        signature.addKeyInfo(key.certificate());
      }
      signature.sign(key.keyPair().getPrivate());
      element.setIdAttributeNS(null, "ID", false);
      return signature.getElement();
    } catch (Exception failed) {
      throw new IllegalStateException("cannot sign the test message", failed);
    }
  }

  private static void registerId(org.w3c.dom.Document document, String id) {
    var elements = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < elements.getLength(); i++) {
      Element candidate = (Element) elements.item(i);
      if (id.equals(candidate.getAttributeNS(null, "ID"))) {
        candidate.setIdAttributeNS(null, "ID", true);
      }
    }
  }

  private static Node afterIssuer(Element element) {
    for (Element child : SamlXml.children(element)) {
      if (SamlXml.is(child, SamlXml.ASSERTION, "Issuer")) {
        return child.getNextSibling();
      }
    }
    return element.getFirstChild();
  }
}
