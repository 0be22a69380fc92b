package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.internal.connector.saml.SamlXml.DSIG;
import static io.ssobroker.edge.internal.connector.saml.SamlXml.METADATA;
import static io.ssobroker.edge.internal.connector.saml.SamlXml.PROTOCOL;

import io.ssobroker.platform.connector.SamlSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads an IdP's SAML metadata (an {@code EntityDescriptor}, or an {@code EntitiesDescriptor} holding exactly one IdP):
 * entity id, the HTTP-Redirect single sign-on URL, and every certificate of a {@code KeyDescriptor} for signing (or
 * for no stated use). Parsed with the same hardened parser as responses. The metadata's own signature is not checked:
 * it comes from the connector's configuration or from its HTTPS metadata URL.
 */
final class IdpMetadataParser {

  public static final int MAX_METADATA_BYTES = 1024 * 1024;
  public static final String HTTP_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

  private IdpMetadataParser() {}

  /** The IdP a SAML connector describes, from its inline metadata or from its three manual fields. */
  public static IdpMetadata fromSettings(SamlSettings settings) {
    if (settings.metadataXml().isPresent()) {
      return parse(settings.metadataXml().get());
    }
    if (settings.ssoUrl().isPresent() && settings.idpEntityId().isPresent() && settings.x509Certificate().isPresent()) {
      return new IdpMetadata(settings.idpEntityId().get(), absoluteUrl(settings.ssoUrl().get()),
          certificates(settings.x509Certificate().get()), false);
    }
    throw new InvalidMetadata("the connector's metadata comes from metadataUrl: fetch it and use parse()");
  }

  public static IdpMetadata parse(byte[] xml) {
    if (xml.length > MAX_METADATA_BYTES) {
      throw new InvalidMetadata("metadata larger than " + MAX_METADATA_BYTES + " bytes");
    }
    return read(parseOrExplain(() -> SamlXml.parse(xml)));
  }

  public static IdpMetadata parse(String xml) {
    if (xml.length() > MAX_METADATA_BYTES) {
      throw new InvalidMetadata("metadata larger than " + MAX_METADATA_BYTES + " characters");
    }
    return read(parseOrExplain(() -> SamlXml.parse(xml)));
  }

  /** One or more PEM or base64 certificates (several for a rollover), as the manual connector fields hold them. */
  public static List<X509Certificate> certificates(String pemOrBase64) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (String block : pemOrBase64.split("-----END CERTIFICATE-----")) {
      if (!block.isBlank()) {
        certificates.add(Certificates.parse(block));
      }
    }
    if (certificates.isEmpty()) {
      throw new InvalidMetadata("no certificate");
    }
    return certificates;
  }

  private static Document parseOrExplain(java.util.function.Supplier<Document> parsing) {
    try {
      return parsing.get();
    } catch (SamlRejected rejected) {
      throw new InvalidMetadata("metadata is not acceptable XML (" + rejected.reason() + ")");
    }
  }

  private static IdpMetadata read(Document document) {
    Element entity = entityDescriptor(document.getDocumentElement());
    String entityId = entity.getAttributeNS(null, "entityID").strip();
    if (entityId.isEmpty()) {
      throw new InvalidMetadata("EntityDescriptor has no entityID");
    }
    Element idp = SamlXml.children(entity, METADATA, "IDPSSODescriptor").stream()
        .filter(IdpMetadataParser::supportsSaml2)
        .findFirst()
        .orElseThrow(() -> new InvalidMetadata("no IDPSSODescriptor for SAML 2.0"));
    URI ssoUrl = SamlXml.children(idp, METADATA, "SingleSignOnService").stream()
        .filter(service -> HTTP_REDIRECT.equals(service.getAttributeNS(null, "Binding")))
        .map(service -> absoluteUrl(service.getAttributeNS(null, "Location")))
        .findFirst()
        .orElseThrow(() -> new InvalidMetadata("no SingleSignOnService with the HTTP-Redirect binding"));
    List<X509Certificate> certificates = new ArrayList<>();
    for (Element key : SamlXml.children(idp, METADATA, "KeyDescriptor")) {
      String use = key.getAttributeNS(null, "use");
      if (!use.isEmpty() && !use.equals("signing")) {
        continue;
      }
      for (Element keyInfo : SamlXml.children(key, DSIG, "KeyInfo")) {
        for (Element data : SamlXml.children(keyInfo, DSIG, "X509Data")) {
          for (Element certificate : SamlXml.children(data, DSIG, "X509Certificate")) {
            certificates.add(Certificates.parse(SamlXml.text(certificate)));
          }
        }
      }
    }
    if (certificates.isEmpty()) {
      throw new InvalidMetadata("no signing certificate in the IDPSSODescriptor");
    }
    String wantsSigned = idp.getAttributeNS(null, "WantAuthnRequestsSigned");
    return new IdpMetadata(entityId, ssoUrl, certificates, "true".equals(wantsSigned) || "1".equals(wantsSigned));
  }

  private static Element entityDescriptor(Element root) {
    if (SamlXml.is(root, METADATA, "EntityDescriptor")) {
      return root;
    }
    if (SamlXml.is(root, METADATA, "EntitiesDescriptor")) {
      List<Element> idps = SamlXml.children(root, METADATA, "EntityDescriptor").stream()
          .filter(entity -> !SamlXml.children(entity, METADATA, "IDPSSODescriptor").isEmpty())
          .toList();
      if (idps.size() == 1) {
        return idps.get(0);
      }
      throw new InvalidMetadata("EntitiesDescriptor must hold exactly one IdP, found " + idps.size());
    }
    throw new InvalidMetadata("not SAML metadata: the root must be an EntityDescriptor");
  }

  private static boolean supportsSaml2(Element descriptor) {
    return Arrays.asList(descriptor.getAttributeNS(null, "protocolSupportEnumeration").strip().split("\\s+"))
        .contains(PROTOCOL);
  }

  private static URI absoluteUrl(String location) {
    try {
      URI uri = new URI(location.strip());
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new InvalidMetadata("SingleSignOnService location is not an absolute http(s) URL");
      }
      return uri;
    } catch (URISyntaxException malformed) {
      throw new InvalidMetadata("SingleSignOnService location is not a URL");
    }
  }
}
