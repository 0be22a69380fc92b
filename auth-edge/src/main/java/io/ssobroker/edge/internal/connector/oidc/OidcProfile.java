package io.ssobroker.edge.internal.connector.oidc;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.EmailAddress;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one OpenID Connect kind adds to the protocol: where its discovery document is and which issuer it must name,
 * which issuers its callbacks and tokens carry, what its authorization request adds, and which claims must hold
 * before its email names a user. The defaults are a plain OpenID Provider's.
 */
public interface OidcProfile {

  String WELL_KNOWN = "/.well-known/openid-configuration";

  URI discoveryUrl();

  /** The issuer the discovery document must name (OpenID Connect Discovery 4.3). */
  default String discoveryIssuer() {
    return issuerOf(discoveryUrl());
  }

  /** The issuers whose RFC 9207 {@code iss} a callback may carry. */
  default Set<String> callbackIssuers(ProviderMetadata provider) {
    return Set.of(provider.issuer());
  }

  /** The issuer this token must carry; fails when the token comes from an issuer the connector does not trust. */
  default String tokenIssuer(ProviderMetadata provider, JsonObject claims) {
    return provider.issuer();
  }

  /** Parameters the kind adds to the authorization request (hints for the IdP's login page). */
  default void addAuthorizationParameters(Map<String, String> parameters, Optional<EmailAddress> loginHint) {}

  /**
   * Refuses the claims whose email this IdP does not vouch for. By default an email that the IdP says is not verified;
   * its absence is accepted, since many enterprise IdPs do not send {@code email_verified}.
   */
  default void checkEmailClaims(JsonObject claims) {
    if (isFalse(claims.getValue("email_verified"))) {
      throw LoginFailure.of(LoginReason.EMAIL_NOT_VERIFIED);
    }
  }

  /** The issuer a discovery URL promises: the URL without its well-known suffix. */
  static String issuerOf(URI discoveryUrl) {
    String discovery = discoveryUrl.toString();
    return discovery.endsWith(WELL_KNOWN) ? discovery.substring(0, discovery.length() - WELL_KNOWN.length()) : discovery;
  }

  static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  static boolean isFalse(Object value) {
    return Boolean.FALSE.equals(value) || "false".equals(value);
  }
}
