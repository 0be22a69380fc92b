package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.LoginReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one way the broker reads SAML XML: the JDK's own parser (never one found on the class path), namespace aware,
 * secure processing on, any DOCTYPE refused (so no DTD, no entity of any kind, no external fetch), XInclude off, and
 * elements nested at most {@link #MAX_DEPTH} deep. A message is parsed once; the signature is checked on that tree
 * and the identity read from it, so no second parser can see a different document.
 */
public final class SamlXml {

  public static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  public static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
  public static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";
  public static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

  /** Deep enough for any SAML response or metadata (about 12 levels), shallow enough to bound recursion. */
  public static final int MAX_DEPTH = 50;

  private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII);
  private static final String DEPTH_LIMIT_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
  private static final DocumentBuilderFactory FACTORY = hardenedFactory();
  private static final ErrorHandler FAIL_SILENTLY = new ErrorHandler() {
    @Override
    public void warning(SAXParseException exception) {}

    @Override
    public void error(SAXParseException exception) throws SAXException {
      throw exception;
    }

    @Override
    public void fatalError(SAXParseException exception) throws SAXException {
      throw exception;
    }
  };

  private SamlXml() {}

  /**
   * Parses a SAML message. A DOCTYPE is looked for in the raw bytes first so that its rejection has its own reason
   * (the parser refuses one in any encoding anyway), then the hardened parser reads the document.
   */
  public static Document parse(byte[] xml) {
    if (contains(xml, DOCTYPE)) {
      throw new SamlRejected(LoginReason.DOCTYPE_NOT_ALLOWED);
    }
    return parse(new InputSource(new ByteArrayInputStream(xml)));
  }

  /** Parses XML given as text (configured metadata), with the same hardening. */
  public static Document parse(String xml) {
    if (xml.contains("<!DOCTYPE")) {
      throw new SamlRejected(LoginReason.DOCTYPE_NOT_ALLOWED);
    }
    return parse(new InputSource(new StringReader(xml)));
  }

  private static Document parse(InputSource source) {
    try {
      DocumentBuilder builder = newBuilder();
      return builder.parse(source);
    } catch (SAXException unreadable) {
      String message = String.valueOf(unreadable.getMessage());
      if (message.contains("maxElementDepth")) {
        throw new SamlRejected(LoginReason.TOO_DEEP);
      }
      if (message.contains("DOCTYPE")) {
        throw new SamlRejected(LoginReason.DOCTYPE_NOT_ALLOWED);
      }
      throw new SamlRejected(LoginReason.MALFORMED_XML);
    } catch (IOException unreadable) {
      throw new SamlRejected(LoginReason.MALFORMED_XML);
    }
  }

  private static DocumentBuilder newBuilder() {
    DocumentBuilder builder;
    synchronized (FACTORY) {
      try {
        builder = FACTORY.newDocumentBuilder();
      } catch (ParserConfigurationException impossible) {
        throw new IllegalStateException("the JDK's XML parser cannot be hardened", impossible);
      }
    }
    builder.setErrorHandler(FAIL_SILENTLY);
    builder.setEntityResolver((publicId, systemId) -> {
      throw new SAXException("external entities are not allowed");
    });
    return builder;
  }

  private static DocumentBuilderFactory hardenedFactory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException unsupported) {
      throw new IllegalStateException("the JDK's XML parser cannot be hardened", unsupported);
    }
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setAttribute(DEPTH_LIMIT_PROPERTY, String.valueOf(MAX_DEPTH));
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setValidating(false);
    return factory;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Whether this element has that namespace and local name. */
  public static boolean is(Node node, String namespace, String localName) {
    return node instanceof Element element && namespace.equals(element.getNamespaceURI())
        && localName.equals(element.getLocalName());
  }

  /** The element children of this element, in document order. */
  public static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        children.add(element);
      }
    }
    return children;
  }

  /** The element children with that name. */
  public static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> matching = new ArrayList<>();
    for (Element child : children(parent)) {
      if (is(child, namespace, localName)) {
        matching.add(child);
      }
    }
    return matching;
  }

  /** The only child with that name; empty when there is none; rejected with {@code tooMany} when there are several. */
  public static Optional<Element> soleChild(Element parent, String namespace, String localName,
      LoginReason tooMany) {
    List<Element> matching = children(parent, namespace, localName);
    if (matching.size() > 1) {
      throw new SamlRejected(tooMany);
    }
    return matching.stream().findFirst();
  }

  /** Every element of the document with that name, wherever it is. */
  public static List<Element> everywhere(Document document, String namespace, String localName) {
    List<Element> found = new ArrayList<>();
    var nodes = document.getElementsByTagNameNS(namespace, localName);
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  /** An attribute without namespace, empty when absent. */
  public static Optional<String> attribute(Element element, String name) {
    return element.hasAttributeNS(null, name) ? Optional.of(element.getAttributeNS(null, name)) : Optional.empty();
  }

  /** The element's text with every descendant text node joined (comments are not text) and surrounding blanks cut. */
  public static String text(Element element) {
    return element.getTextContent().strip();
  }
}
