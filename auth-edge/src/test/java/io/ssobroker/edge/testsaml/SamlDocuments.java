package io.ssobroker.edge.testsaml;

import io.ssobroker.edge.internal.connector.saml.SamlXml;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Test-side XML plumbing: parse, serialize, encode for the POST binding, find the parts of a response. */
public final class SamlDocuments {

  private SamlDocuments() {}

  public static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception unparsable) {
      throw new IllegalArgumentException("test XML does not parse", unparsable);
    }
  }

  public static String serialize(Document document) {
    try {
      var transformer = TransformerFactory.newDefaultInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toString();
    } catch (Exception unserializable) {
      throw new IllegalStateException(unserializable);
    }
  }

  /** What a browser posts as {@code SAMLResponse}. */
  public static String encode(Document document) {
    return encode(serialize(document));
  }

  public static String encode(String xml) {
    return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }

  public static String decode(String samlResponse) {
    return new String(Base64.getMimeDecoder().decode(samlResponse), StandardCharsets.UTF_8);
  }

  public static Element response(Document document) {
    return document.getDocumentElement();
  }

  public static Element assertion(Document document) {
    return (Element) document.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").item(0);
  }

  /** The first element with that local name in the SAML assertion namespace. */
  public static Element first(Document document, String localName) {
    return (Element) document.getElementsByTagNameNS(SamlXml.ASSERTION, localName).item(0);
  }

  public static Element signatureOf(Element signed) {
    for (Element child : SamlXml.children(signed)) {
      if (SamlXml.is(child, SamlXml.DSIG, "Signature")) {
        return child;
      }
    }
    throw new IllegalStateException("not signed");
  }
}
