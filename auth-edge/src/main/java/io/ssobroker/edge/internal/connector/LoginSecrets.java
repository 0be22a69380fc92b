package io.ssobroker.edge.internal.connector;

/**
 * What one login carries, sealed in its state, so that the IdP's answer can be tied to it: a value the IdP must echo
 * (the OIDC nonce, or the SAML AuthnRequest's ID) and, where the protocol has one, the PKCE verifier (empty for SAML).
 */
public record LoginSecrets(String nonce, String pkceVerifier) {}
