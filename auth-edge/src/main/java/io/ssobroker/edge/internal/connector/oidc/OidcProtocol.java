package io.ssobroker.edge.internal.connector.oidc;

import io.ssobroker.edge.internal.idp.IdpHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The OpenID Connect machinery that every OIDC connector of an edge shares: the providers met so far (discovery and
 * keys, one JWKS fetch in flight per IdP), the token exchange, the ID token checks, and the one redirect URI that every
 * connector's IdP sends the browser back to.
 */
public record OidcProtocol(OidcProviders providers, TokenExchange tokens, IdTokenVerifier idTokens, URI redirectUri,
    Clock clock) {

  public static OidcProtocol over(IdpHttp http, URI publicBaseUrl, Duration clockSkew, Clock clock) {
    return new OidcProtocol(new OidcProviders(http, clock), new TokenExchange(http), new IdTokenVerifier(clock, clockSkew),
        redirectUri(publicBaseUrl), clock);
  }

  /** Where IdPs send the browser back: what a customer registers at their IdP. */
  public static URI redirectUri(URI publicBaseUrl) {
    return URI.create(publicBaseUrl + "/login/callback");
  }
}
