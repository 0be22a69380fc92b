package io.ssobroker.edge.internal.connector.saml;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the broker needs to know of a SAML IdP: its entity id, where to send AuthnRequests (HTTP-Redirect binding),
 * and the certificates whose keys may sign its responses (several while it rolls its key over).
 */
record IdpMetadata(String entityId, URI ssoRedirectUrl, List<X509Certificate> signingCertificates,
    boolean wantsSignedRequests) {

  public IdpMetadata {
    signingCertificates = List.copyOf(signingCertificates);
  }

  /** When each signing certificate stops being valid, soonest first. */
  public List<Instant> certificateExpiries() {
    return signingCertificates.stream().map(certificate -> certificate.getNotAfter().toInstant()).sorted().toList();
  }

  /**
   * When the last of the signing certificates expires: until then logins can work. For the expiry radar, which warns
   * before logins stop, this is the date that matters; a rollover certificate that expires earlier does not.
   */
  public Optional<Instant> lastCertificateExpiry() {
    return certificateExpiries().stream().max(Comparator.naturalOrder());
  }
}
