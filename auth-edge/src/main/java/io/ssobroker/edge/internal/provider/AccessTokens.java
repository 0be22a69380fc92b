package io.ssobroker.edge.internal.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Issuer;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads an access token the provider issued: a JWT of type {@code at+jwt}, signed by one of the published keys, from
 * this issuer, not expired. Says nothing about revocation, which only the store knows.
 */
final class AccessTokens {

  /** The parts of a verified access token that the broker looks further into. */
  record Verified(UUID jti, String clientId, UUID subject, Instant issuedAt, Instant expiresAt, String scope) {}

  private final Issuer issuer;
  private final ProviderKeys keys;
  private final Clock clock;

  AccessTokens(Issuer issuer, ProviderKeys keys, Clock clock) {
    this.issuer = issuer;
    this.keys = keys;
    this.clock = clock;
  }

  Optional<Verified> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!TokenMinter.ACCESS_TOKEN_TYPE.equals(jwt.getHeader().getType()) || jwt.getHeader().getKeyID() == null) {
        return Optional.empty();
      }
      Optional<JWSVerifier> verifier = keys.verifier(jwt.getHeader().getKeyID());
      if (verifier.isEmpty() || !jwt.verify(verifier.get())) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      if (!issuer.getValue().equals(claims.getIssuer()) || expiry == null
          || !expiry.toInstant().isAfter(clock.instant()) || claims.getJWTID() == null || claims.getSubject() == null) {
        return Optional.empty();
      }
      Date issued = claims.getIssueTime();
      return Optional.of(new Verified(UUID.fromString(claims.getJWTID()), claims.getStringClaim("client_id"),
          UUID.fromString(claims.getSubject()), issued == null ? expiry.toInstant() : issued.toInstant(),
          expiry.toInstant(), String.valueOf(claims.getStringClaim("scope"))));
    } catch (ParseException | JOSEException | IllegalArgumentException unusable) {
      return Optional.empty();
    }
  }
}
