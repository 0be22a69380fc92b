package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.internal.connector.saml.SamlXml.DSIG;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.connector.saml.SignatureAlgorithms;
import java.net.URI;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.xml.security.Init;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.DOMException;
import org.w3c.dom.Element;

/**
 * Verifies the enveloped XML signature of one SAML element (the Response or its Assertion) with Apache Santuario, and
 * only under this policy, checked on the DOM before Santuario is handed anything:
 * <ul>
 *   <li>exactly one reference, whose URI is {@code #} and the signed element's own {@code ID}: a signature that
 *       covers anything else does not count for this element (signature wrapping, a Response signature pointing at
 *       the Assertion or the reverse);</li>
 *   <li>algorithms from {@link SignatureAlgorithms} only, no {@code ds:Object} (so no Manifest), and no key from the
 *       message: {@code KeyInfo} is never read; the keys are the connector's trusted certificates;</li>
 *   <li>while it is verified, the signed element's {@code ID} is the only attribute of the document registered as an
 *       XML ID, and the document must resolve it to that very element.</li>
 * </ul>
 * Santuario runs with secure validation on.
 */
final class EnvelopedSignature {

  private static final Logger SANTUARIO_LOGS = Logger.getLogger("org.apache.xml.security");

  static {
    Init.init();
    // a forged signature is an expected event with its own audit reason; Santuario would also warn on stderr
    SANTUARIO_LOGS.setLevel(Level.SEVERE);
  }

  private EnvelopedSignature() {}

  /** The signature child of this element, if any; several are rejected. */
  static Optional<Element> of(Element signed) {
    return SamlXml.soleChild(signed, DSIG, "Signature", LoginReason.UNEXPECTED_SIGNATURE);
  }

  /** Passes if one of the keys verifies the signature under the policy above, else rejects with the reason. */
  static void verify(Element signed, Element signature, List<PublicKey> keys) {
    String id = SamlXml.attribute(signed, "ID").filter(value -> !value.isBlank())
        .orElseThrow(() -> new SamlRejected(LoginReason.MISSING_ID));
    checkPolicy(signature, id);
    signed.setIdAttributeNS(null, "ID", true);
    try {
      XMLSignature xmlSignature = open(signature, id);
      if (signed.getOwnerDocument().getElementById(id) != signed) {
        throw new SamlRejected(LoginReason.DUPLICATE_ID);
      }
      for (PublicKey key : keys) {
        if (verifiesWith(xmlSignature, key)) {
          return;
        }
      }
      throw new SamlRejected(LoginReason.BAD_SIGNATURE);
    } finally {
      signed.setIdAttributeNS(null, "ID", false);
    }
  }

  private static void checkPolicy(Element signature, String id) {
    List<Element> parts = SamlXml.children(signature);
    if (parts.isEmpty() || !SamlXml.is(parts.get(0), DSIG, "SignedInfo")) {
      throw new SamlRejected(LoginReason.MALFORMED_SIGNATURE);
    }
    for (Element part : parts) {
      if (!DSIG.equals(part.getNamespaceURI())) {
        throw new SamlRejected(LoginReason.MALFORMED_SIGNATURE);
      }
      if (SamlXml.is(part, DSIG, "Object")) {
        throw new SamlRejected(LoginReason.SIGNATURE_CONTENT_NOT_ALLOWED);
      }
    }
    Element signedInfo = parts.get(0);
    requireAlgorithm(signedInfo, "CanonicalizationMethod", AcceptedAlgorithms.CANONICALIZATIONS,
        LoginReason.CANONICALIZATION_NOT_ALLOWED);
    requireAlgorithm(signedInfo, "SignatureMethod", AcceptedAlgorithms.SIGNATURES,
        LoginReason.SIGNATURE_ALGORITHM_NOT_ALLOWED);
    List<Element> references = SamlXml.children(signedInfo, DSIG, "Reference");
    if (references.size() != 1) {
      throw new SamlRejected(LoginReason.REFERENCE_MISMATCH);
    }
    Element reference = references.get(0);
    if (!("#" + id).equals(reference.getAttributeNS(null, "URI"))) {
      throw new SamlRejected(LoginReason.REFERENCE_MISMATCH);
    }
    for (Element transforms : SamlXml.children(reference, DSIG, "Transforms")) {
      for (Element transform : SamlXml.children(transforms)) {
        String algorithm = transform.getAttributeNS(null, "Algorithm");
        if (!SamlXml.is(transform, DSIG, "Transform") || !AcceptedAlgorithms.TRANSFORMS.contains(algorithm)) {
          throw new SamlRejected(LoginReason.TRANSFORM_NOT_ALLOWED);
        }
      }
    }
    requireAlgorithm(reference, "DigestMethod", AcceptedAlgorithms.DIGESTS,
        LoginReason.DIGEST_ALGORITHM_NOT_ALLOWED);
  }

  private static void requireAlgorithm(Element parent, String localName, java.util.Set<String> allowed,
      LoginReason otherwise) {
    List<Element> methods = SamlXml.children(parent, DSIG, localName);
    if (methods.size() != 1) {
      throw new SamlRejected(LoginReason.MALFORMED_SIGNATURE);
    }
    if (!allowed.contains(methods.get(0).getAttributeNS(null, "Algorithm"))) {
      throw new SamlRejected(otherwise);
    }
  }

  /** Santuario's view of the signature, which must agree with the policy check on what is referenced. */
  private static XMLSignature open(Element signature, String id) {
    try {
      XMLSignature xmlSignature = new XMLSignature(signature, "", true);
      SignedInfo signedInfo = xmlSignature.getSignedInfo();
      if (signedInfo.getLength() != 1) {
        throw new SamlRejected(LoginReason.REFERENCE_MISMATCH);
      }
      Reference reference = signedInfo.item(0);
      if (!("#" + id).equals(reference.getURI()) || xmlSignature.getObjectLength() != 0) {
        throw new SamlRejected(LoginReason.REFERENCE_MISMATCH);
      }
      return xmlSignature;
    } catch (XMLSecurityException | DOMException unreadable) {
      throw new SamlRejected(LoginReason.MALFORMED_SIGNATURE);
    }
  }

  private static boolean verifiesWith(XMLSignature signature, PublicKey key) {
    try {
      return signature.checkSignatureValue(key);
    } catch (XMLSecurityException | RuntimeException notThisKey) {
      // a key of another type or size, or a reference that does not resolve: not verified by this key
      return false;
    }
  }
}
