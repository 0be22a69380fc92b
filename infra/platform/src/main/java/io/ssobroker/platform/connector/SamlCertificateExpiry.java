package io.ssobroker.platform.connector;

import java.io.StringReader;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * When a SAML connector stops working because its IdP's signing certificates expire: the latest expiry date among the
 * certificates written in the connector (its {@code x509Certificate}, one or several PEM blocks, or the signing keys of
 * its inline metadata).
 * A connector with a metadata URL has none written: its certificates are known once the edge fetched the metadata.
 * Only dates are read here; whether a certificate is trusted is the edge's business.
 */
public final class SamlCertificateExpiry {

  private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  private static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";

  private SamlCertificateExpiry() {}

  public static Optional<LocalDate> of(SamlSettings settings) {
    List<String> encoded = new ArrayList<>();
    settings.x509Certificate().ifPresent(text -> encoded.addAll(List.of(text.split("-----END CERTIFICATE-----"))));
    settings.metadataXml().ifPresent(xml -> encoded.addAll(signingCertificates(xml)));
    return encoded.stream().filter(text -> !text.isBlank()).map(SamlCertificateExpiry::notAfter)
        .flatMap(Optional::stream).max(LocalDate::compareTo);
  }

  /** The latest expiry among these certificates. */
  public static Optional<LocalDate> latest(List<X509Certificate> certificates) {
    return certificates.stream().map(certificate -> certificate.getNotAfter().toInstant().atZone(ZoneOffset.UTC)
        .toLocalDate()).max(LocalDate::compareTo);
  }

  private static Optional<LocalDate> notAfter(String encoded) {
    return X509Certificates.parse(encoded).flatMap(certificate -> latest(List.of(certificate)));
  }

  /** Certificates of KeyDescriptors for signing (or without a use) of the IdP's SSO descriptor. */
  private static List<String> signingCertificates(String metadataXml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      var document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(metadataXml)));
      NodeList descriptors = document.getElementsByTagNameNS(METADATA, "KeyDescriptor");
      List<String> certificates = new ArrayList<>();
      for (int i = 0; i < descriptors.getLength(); i++) {
        var descriptor = (org.w3c.dom.Element) descriptors.item(i);
        String use = descriptor.getAttribute("use");
        if (use.isEmpty() || use.equals("signing")) {
          NodeList encoded = descriptor.getElementsByTagNameNS(DSIG, "X509Certificate");
          for (int j = 0; j < encoded.getLength(); j++) {
            certificates.add(encoded.item(j).getTextContent());
          }
        }
      }
      return certificates;
    } catch (ParserConfigurationException | org.xml.sax.SAXException | java.io.IOException unreadable) {
      return List.of();
    }
  }
}
