package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.saml.ServiceProvider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a response must say to be accepted for one connector and one login: this broker's entity id (the audience),
 * its ACS URL (the Recipient and Destination), the IdP's entity id (the issuer), the IdP's trusted signing
 * certificates (several during a rollover), and the ID of the AuthnRequest this login sent, or none for an
 * IdP-initiated login, which the caller allows only where the connector does.
 */
record ExpectedResponse(
    String spEntityId,
    String acsUrl,
    String idpEntityId,
    List<X509Certificate> trustedCertificates,
    Optional<String> inResponseTo) {

  public ExpectedResponse {
    Objects.requireNonNull(spEntityId, "spEntityId");
    Objects.requireNonNull(acsUrl, "acsUrl");
    Objects.requireNonNull(idpEntityId, "idpEntityId");
    trustedCertificates = List.copyOf(trustedCertificates);
    if (trustedCertificates.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted certificate is required");
    }
    Objects.requireNonNull(inResponseTo, "inResponseTo");
  }

  /** A response to the AuthnRequest with this ID. */
  public static ExpectedResponse solicited(ServiceProvider sp, IdpMetadata idp, String requestId) {
    return new ExpectedResponse(sp.entityId(), sp.acsUrl(), idp.entityId(), idp.signingCertificates(),
        Optional.of(requestId));
  }

  /** An IdP-initiated response: it must answer no request at all. */
  public static ExpectedResponse unsolicited(ServiceProvider sp, IdpMetadata idp) {
    return new ExpectedResponse(sp.entityId(), sp.acsUrl(), idp.entityId(), idp.signingCertificates(),
        Optional.empty());
  }
}
