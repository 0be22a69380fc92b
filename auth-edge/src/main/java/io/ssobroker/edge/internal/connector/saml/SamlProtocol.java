package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.saml.ServiceProvider;
import io.ssobroker.edge.internal.idp.IdpHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The SAML machinery that every SAML connector of an edge shares: this broker as a service provider, the IdP metadata
 * cache, the work queue on which responses are parsed and their signatures checked (never on an event loop), the
 * validator, the assertion IDs already used (across edges), the optional request signing key, and the reporter of the
 * certificates' expiry.
 */
public record SamlProtocol(ServiceProvider serviceProvider, IdpMetadataCache idps, SamlWorkQueue queue,
    SamlResponseValidator validator, ConsumedAssertions consumedAssertions, Duration clockSkew,
    Optional<RequestSigningKey> requestSigningKey, CertificateExpiryReporter certificateExpiry, IdpHttp http,
    Clock clock) {}
