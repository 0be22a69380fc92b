package io.ssobroker.edge;

import io.ssobroker.edge.idp.IdpHttp;
import io.ssobroker.edge.connector.oidc.OidcProviders;
import io.ssobroker.edge.connector.saml.ConsumedAssertions;
import io.ssobroker.edge.connector.saml.IdpMetadataCache;
import io.ssobroker.edge.connector.saml.RequestSigningKey;
import io.ssobroker.edge.connector.saml.SamlWorkQueue;
import io.ssobroker.edge.session.ActiveSessions;
import io.ssobroker.edge.session.RecentDirectory;
import io.ssobroker.edge.session.SessionStore;
import io.ssobroker.edge.state.StateSealer;
import io.ssobroker.edge.web.LoginRateLimiter;
import java.util.Optional;

/**
 * What the public listeners of one edge process share, each safe to use from any event loop: the stores (sessions
 * checked against the directory on use, through its answers of the last few seconds), the state
 * sealer (its keyset replaced atomically), the audit trail (outbox, relay, spool), the IdP client with its circuit
 * breakers, the discovery and key caches (one JWKS fetch in flight per IdP for the whole process), the SAML metadata
 * cache and work queue, and one login rate limit per client.
 */
record SharedEdgeParts(StateSealer sealer, EdgeAuditTrail audit, SessionStore sessions, RecentDirectory directory,
    ActiveSessions activeSessions, ConsumedAssertions consumedAssertions, IdpHttp idpHttp, OidcProviders providers,
    IdpMetadataCache samlMetadata, SamlWorkQueue samlQueue, Optional<RequestSigningKey> samlRequestSigningKey, LoginRateLimiter rateLimiter) {}
