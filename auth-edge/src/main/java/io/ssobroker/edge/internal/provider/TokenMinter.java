package io.ssobroker.edge.internal.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.AMR;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.SessionID;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.ssobroker.edge.internal.provider.ProviderKeys.Signing;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.client.ClientDefinition.SigningAlgorithm;
import io.ssobroker.platform.registry.ClientDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes the tokens a grant is worth, signed with the provider's current keys: an ID token (OpenID Connect Core 2), an
 * access token (a JWT per RFC 9068, {@code typ} {@code at+jwt}, for the client's access token audience) that the
 * userinfo and introspection endpoints accept, a refresh token where the client takes them; and the logout tokens of
 * back-channel logout.
 */
final class TokenMinter {

  /** RFC 9068 2.1. */
  static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
  /** The acr of a login by the connector of this kind: {@code urn:sso-broker:connector:<kind>}. */
  static final String ACR_PREFIX = "urn:sso-broker:connector:";
  /** amr (RFC 8176 names none for it): the user authenticated at an external identity provider. */
  static final String AMR_FEDERATED = "fed";
  /** OIDC Back-Channel Logout 1.0, 2.4. */
  static final JOSEObjectType LOGOUT_TOKEN_TYPE = new JOSEObjectType("logout+jwt");
  static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
  private static final Duration LOGOUT_TOKEN_LIFETIME = Duration.ofMinutes(2);

  /** What a redeemed code or a refresh token vouches for: who signed in, in which broker session, for what. */
  record Grant(UUID userId, String org, String email, String name, String connectorKind, UUID sid, String scope,
      Instant authTime, Optional<String> nonce) {}

  /**
   * The tokens of one grant; {@code accessTokenId} is the access token's {@code jti}, {@code refreshToken} the new
   * refresh token (when the client takes them), of which only the hash is stored.
   */
  record Minted(OIDCTokens tokens, UUID accessTokenId, Instant accessTokenExpiry, Optional<String> refreshToken) {}

  private final Issuer issuer;
  private final ProviderKeys keys;

  TokenMinter(Issuer issuer, ProviderKeys keys) {
    this.issuer = issuer;
    this.keys = keys;
  }

  /**
   * The ID token is signed with the client's algorithm; the access token always with ES256, which every JOSE library
   * verifies and which costs a fraction of an RSA signature (the broker itself is its main verifier).
   */
  Minted mint(ClientDescriptor client, Grant grant, Instant now, boolean withRefreshToken) {
    Signing accessSigning = keys.signing(SigningAlgorithm.ES256);
    UUID accessTokenId = UUID.randomUUID();
    Instant accessTokenExpiry = now.plus(client.accessTokenLifetime());
    JWTClaimsSet accessClaims = new JWTClaimsSet.Builder()
        .issuer(issuer.getValue())
        .subject(grant.userId().toString())
        .audience(client.accessTokenAudience())
        .expirationTime(Date.from(accessTokenExpiry))
        .issueTime(Date.from(now))
        .jwtID(accessTokenId.toString())
        .claim("client_id", client.clientId())
        .claim("scope", grant.scope())
        .claim("auth_time", grant.authTime().getEpochSecond())
        .claim("sid", grant.sid().toString())
        .claim("org", grant.org())
        .build();
    String accessJwt = sign(accessSigning, ACCESS_TOKEN_TYPE, accessClaims);
    BearerAccessToken accessToken = new BearerAccessToken(accessJwt, client.accessTokenLifetime().toSeconds(),
        Scope.parse(grant.scope()));

    Signing idSigning = keys.signing(client.idTokenSigningAlgorithm());
    IDTokenClaimsSet idClaims = new IDTokenClaimsSet(issuer, new Subject(grant.userId().toString()),
        List.of(new Audience(client.clientId())), Date.from(now.plus(client.idTokenLifetime())), Date.from(now));
    idClaims.setAuthenticationTime(Date.from(grant.authTime()));
    grant.nonce().map(Nonce::new).ifPresent(idClaims::setNonce);
    idClaims.setSessionID(new SessionID(grant.sid().toString()));
    idClaims.setACR(new ACR(ACR_PREFIX + grant.connectorKind()));
    idClaims.setAMR(List.of(new AMR(AMR_FEDERATED)));
    idClaims.setAccessTokenHash(AccessTokenHash.compute(accessToken, idSigning.algorithm()));
    idClaims.setClaim("email", grant.email());
    idClaims.setClaim("email_verified", true);
    idClaims.setClaim("name", grant.name());
    idClaims.setClaim("org", grant.org());
    String idToken;
    try {
      idToken = sign(idSigning, JOSEObjectType.JWT, idClaims.toJWTClaimsSet());
    } catch (com.nimbusds.oauth2.sdk.ParseException unreachable) {
      throw new IllegalStateException("the ID token's claims do not form a JWT", unreachable);
    }
    Optional<String> refreshToken = withRefreshToken ? Optional.of(Tokens.random()) : Optional.empty();
    return new Minted(new OIDCTokens(idToken, accessToken, refreshToken.map(RefreshToken::new).orElse(null)),
        accessTokenId, accessTokenExpiry, refreshToken);
  }

  /** An OIDC Back-Channel Logout 1.0 logout token: {@code typ} {@code logout+jwt}, with the session's sid and sub. */
  String logoutToken(ClientDescriptor client, UUID sid, UUID userId, Instant now) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer.getValue())
        .subject(userId.toString())
        .audience(client.clientId())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LOGOUT_TOKEN_LIFETIME)))
        .jwtID(UUID.randomUUID().toString())
        .claim("events", Map.of(BACKCHANNEL_LOGOUT_EVENT, Map.of()))
        .claim("sid", sid.toString())
        .build();
    return sign(keys.signing(client.idTokenSigningAlgorithm()), LOGOUT_TOKEN_TYPE, claims);
  }

  private static String sign(Signing signing, JOSEObjectType type, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(signing.algorithm()).keyID(signing.kid()).type(type).build(),
        claims);
    try {
      jwt.sign(signing.signer());
    } catch (JOSEException failure) {
      throw new IllegalStateException("cannot sign with key " + signing.kid(), failure);
    }
    return jwt.serialize();
  }
}
