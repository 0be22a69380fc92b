package io.ssobroker.edge.provider;

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
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.AMR;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.SessionID;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.ssobroker.edge.provider.AuthorizationCodes.StoredCode;
import io.ssobroker.edge.provider.ProviderKeys.Signing;
import io.ssobroker.platform.registry.ClientDescriptor;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Makes the tokens a redeemed code is worth, signed with the provider's current key of the client's algorithm: an ID
 * token (OpenID Connect Core 2) and an access token (a JWT per RFC 9068, {@code typ} {@code at+jwt}, for the client's
 * access token audience) that the userinfo endpoint accepts.
 */
final class TokenMinter {

  /** RFC 9068 2.1. */
  static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
  /** The acr of a login by the connector of this kind: {@code urn:sso-broker:connector:<kind>}. */
  static final String ACR_PREFIX = "urn:sso-broker:connector:";
  /** amr (RFC 8176 names none for it): the user authenticated at an external identity provider. */
  static final String AMR_FEDERATED = "fed";

  /** The tokens of one redemption; {@code accessTokenId} is the access token's {@code jti}. */
  record Minted(OIDCTokens tokens, UUID accessTokenId, Instant accessTokenExpiry, String keyId) {}

  private final Issuer issuer;
  private final ProviderKeys keys;

  TokenMinter(Issuer issuer, ProviderKeys keys) {
    this.issuer = issuer;
    this.keys = keys;
  }

  Minted mint(ClientDescriptor client, StoredCode code, Instant now) {
    Signing signing = keys.signing(client.idTokenSigningAlgorithm());
    UUID accessTokenId = UUID.randomUUID();
    Instant accessTokenExpiry = now.plus(client.accessTokenLifetime());
    JWTClaimsSet accessClaims = new JWTClaimsSet.Builder()
        .issuer(issuer.getValue())
        .subject(code.userId().toString())
        .audience(client.accessTokenAudience())
        .expirationTime(Date.from(accessTokenExpiry))
        .issueTime(Date.from(now))
        .jwtID(accessTokenId.toString())
        .claim("client_id", client.clientId())
        .claim("scope", code.scope())
        .claim("auth_time", code.authTime().getEpochSecond())
        .claim("sid", code.sid().toString())
        .claim("org", code.org())
        .build();
    String accessJwt = sign(signing, ACCESS_TOKEN_TYPE, accessClaims);
    BearerAccessToken accessToken = new BearerAccessToken(accessJwt, client.accessTokenLifetime().toSeconds(),
        Scope.parse(code.scope()));

    IDTokenClaimsSet idClaims = new IDTokenClaimsSet(issuer, new Subject(code.userId().toString()),
        List.of(new Audience(client.clientId())), Date.from(now.plus(client.idTokenLifetime())), Date.from(now));
    idClaims.setAuthenticationTime(Date.from(code.authTime()));
    code.nonce().map(Nonce::new).ifPresent(idClaims::setNonce);
    idClaims.setSessionID(new SessionID(code.sid().toString()));
    idClaims.setACR(new ACR(ACR_PREFIX + code.connectorKind()));
    idClaims.setAMR(List.of(new AMR(AMR_FEDERATED)));
    idClaims.setAccessTokenHash(AccessTokenHash.compute(accessToken, signing.algorithm()));
    idClaims.setClaim("email", code.email());
    idClaims.setClaim("email_verified", true);
    idClaims.setClaim("name", code.name());
    idClaims.setClaim("org", code.org());
    String idToken;
    try {
      idToken = sign(signing, JOSEObjectType.JWT, idClaims.toJWTClaimsSet());
    } catch (com.nimbusds.oauth2.sdk.ParseException unreachable) {
      throw new IllegalStateException("the ID token's claims do not form a JWT", unreachable);
    }
    return new Minted(new OIDCTokens(idToken, accessToken, null), accessTokenId, accessTokenExpiry, signing.kid());
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
