package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.saml.ServiceProvider;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * This broker's SP metadata ({@code GET /login/saml/metadata}): its entity id, the ACS (HTTP-POST), that assertions
 * must be signed, and, when AuthnRequests are signed, the certificate to check them with.
 */
final class SpMetadata {

  private SpMetadata() {}

  public static String xml(ServiceProvider sp, Optional<X509Certificate> requestSigningCertificate) {
    String keyDescriptor = requestSigningCertificate.map(certificate ->
        "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"" + SamlXml.DSIG + "\"><ds:X509Data>"
            + "<ds:X509Certificate>" + Certificates.base64(certificate) + "</ds:X509Certificate>"
            + "</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>").orElse("");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<md:EntityDescriptor xmlns:md=\"" + SamlXml.METADATA + "\" entityID=\""
        + AuthnRequestRedirect.escape(sp.entityId()) + "\">"
        + "<md:SPSSODescriptor AuthnRequestsSigned=\"" + requestSigningCertificate.isPresent()
        + "\" WantAssertionsSigned=\"true\" protocolSupportEnumeration=\"" + SamlXml.PROTOCOL + "\">"
        + keyDescriptor
        + "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>"
        + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
        + AuthnRequestRedirect.escape(sp.acsUrl()) + "\" index=\"0\" isDefault=\"true\"/>"
        + "</md:SPSSODescriptor></md:EntityDescriptor>";
  }
}
