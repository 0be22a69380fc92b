package io.ssobroker.edge;

import io.ssobroker.edge.internal.EdgeAuditTrail;
import io.ssobroker.edge.internal.connector.Connectors;
import io.ssobroker.edge.internal.connector.saml.SamlConnectorFactory;
import io.ssobroker.edge.internal.provider.OpenIdProvider;
import io.ssobroker.edge.internal.session.ActiveSessions;
import io.ssobroker.edge.internal.session.RecentDirectory;
import io.ssobroker.edge.internal.session.SessionEndings;
import io.ssobroker.edge.internal.session.SessionStore;
import io.ssobroker.edge.internal.state.StateSealer;
import io.ssobroker.edge.internal.web.LoginRateLimiter;

/**
 * What the public listeners of one edge process share, each safe to use from any event loop: the stores (sessions
 * checked against the directory on use, through its answers of the last few seconds), the state sealer (its keyset
 * replaced atomically), the audit trail (outbox, relay, spool), the connectors opened so far with the protocol
 * machinery behind them (the IdP client and its circuits, discovery and key caches, SAML metadata and work queue),
 * the SAML side's unsolicited routing and SP metadata, one login rate limit per client, and the OpenID Provider's
 * keys and stores.
 */
record SharedEdgeParts(StateSealer sealer, EdgeAuditTrail audit, SessionStore sessions, RecentDirectory directory,
    ActiveSessions activeSessions, SessionEndings endings, Connectors connectors, SamlConnectorFactory saml, LoginRateLimiter rateLimiter,
    OpenIdProvider provider) {}
