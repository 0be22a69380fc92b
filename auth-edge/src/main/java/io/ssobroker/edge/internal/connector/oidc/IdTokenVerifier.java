package io.ssobroker.edge.internal.connector.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks an ID token (OpenID Connect Core 3.1.3.7): an asymmetric signature from the IdP's published keys only (the
 * token's own {@code jku}, {@code x5u} and {@code jwk} headers are never used), the exact issuer, the audience and
 * authorized party, the times with bounded clock skew, the nonce of this login, and that it is typed as an ID token.
 * The issuer is the profile's: for Entra, that of the token's tenant when the tenant is trusted. Signatures are verified
 * by Nimbus JOSE; each failed check has its own stable reason.
 */
final class IdTokenVerifier {

  private static final Set<JWSAlgorithm> ALLOWED = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  private final Clock clock;
  private final Duration skew;

  public IdTokenVerifier(Clock clock, Duration skew) {
    this.clock = clock;
    this.skew = skew;
  }

  /** The token's subject and claims, once every check passed; fails with the reason of the first that did not. */
  Future<VerifiedIdToken> verify(String idToken, SigningKeys keys, String clientId, OidcProfile profile,
      ProviderMetadata provider, String expectedNonce) {
    SignedJWT jwt;
    try {
      jwt = parse(idToken);
    } catch (LoginFailure refused) {
      return Future.failedFuture(refused);
    }
    if (!ALLOWED.contains(jwt.getHeader().getAlgorithm())) {
      return Future.failedFuture(LoginFailure.of(LoginReason.ALG_NOT_ALLOWED));
    }
    if (!isIdTokenType(jwt.getHeader().getType())) {
      return Future.failedFuture(LoginFailure.of(LoginReason.WRONG_TOKEN_TYPE));
    }
    String keyId = jwt.getHeader().getKeyID();
    return (keyId == null ? keys.sole() : keys.withId(keyId)).map(found -> {
      verifySignature(jwt, found.orElseThrow(() -> LoginFailure.of(LoginReason.UNKNOWN_KEY)));
      return checkClaims(claimsOf(jwt), clientId, profile, provider, expectedNonce);
    });
  }

  /**
   * RFC 8725 3.11: ID tokens carry no {@code typ} or {@code JWT}; an explicitly typed token (an access token
   * {@code at+jwt}, a logout token {@code logout+jwt}) is some other token, never accepted as an ID token. The
   * {@code application/} prefix may be left out (RFC 7515 4.1.9), and the comparison ignores case.
   */
  private static boolean isIdTokenType(JOSEObjectType type) {
    if (type == null) {
      return true;
    }
    String value = type.getType().toLowerCase(Locale.ROOT);
    return value.equals("jwt") || value.equals("application/jwt");
  }

  private static SignedJWT parse(String idToken) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(idToken);
    } catch (ParseException malformed) {
      throw LoginFailure.of(LoginReason.MALFORMED_TOKEN);
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw LoginFailure.of(LoginReason.ALG_NOT_ALLOWED);
    }
    return signed;
  }

  private static void verifySignature(SignedJWT jwt, PublishedKey key) {
    try {
      JWSVerifier verifier = key.verifierFor(jwt.getHeader().getAlgorithm())
          .orElseThrow(() -> LoginFailure.of(LoginReason.BAD_SIGNATURE));
      if (!jwt.verify(verifier)) {
        throw LoginFailure.of(LoginReason.BAD_SIGNATURE);
      }
    } catch (JOSEException unverifiable) {
      throw LoginFailure.of(LoginReason.BAD_SIGNATURE);
    }
  }

  private static JWTClaimsSet claimsOf(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException malformed) {
      throw LoginFailure.of(LoginReason.MALFORMED_TOKEN);
    }
  }

  private VerifiedIdToken checkClaims(JWTClaimsSet claims, String clientId, OidcProfile profile,
      ProviderMetadata provider, String expectedNonce) {
    JsonObject asserted = new JsonObject(claims.toJSONObject());
    if (!profile.tokenIssuer(provider, asserted).equals(claims.getIssuer())) {
      throw LoginFailure.of(LoginReason.WRONG_ISSUER);
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw LoginFailure.of(LoginReason.MISSING_SUB);
    }
    checkAudience(claims, clientId);
    Instant now = clock.instant();
    Date expires = claims.getExpirationTime();
    if (expires == null) {
      throw LoginFailure.of(LoginReason.MISSING_EXP);
    }
    if (expires.toInstant().plus(skew).isBefore(now)) {
      throw LoginFailure.of(LoginReason.EXPIRED);
    }
    Date issued = claims.getIssueTime();
    if (issued == null) {
      throw LoginFailure.of(LoginReason.MISSING_IAT);
    }
    if (issued.toInstant().minus(skew).isAfter(now)) {
      throw LoginFailure.of(LoginReason.ISSUED_IN_FUTURE);
    }
    if (!expectedNonce.equals(stringClaim(claims, "nonce"))) {
      throw LoginFailure.of(LoginReason.NONCE_MISMATCH);
    }
    return new VerifiedIdToken(subject, asserted);
  }

  private static void checkAudience(JWTClaimsSet claims, String clientId) {
    List<String> audience = claims.getAudience();
    if (audience == null || audience.isEmpty()) {
      throw LoginFailure.of(LoginReason.MISSING_AUD);
    }
    if (!audience.contains(clientId)) {
      throw LoginFailure.of(LoginReason.WRONG_AUDIENCE);
    }
    String authorizedParty = stringClaim(claims, "azp");
    if ((audience.size() > 1 && authorizedParty == null) || (authorizedParty != null && !authorizedParty.equals(clientId))) {
      throw LoginFailure.of(LoginReason.AZP_MISMATCH);
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    return claims.getClaim(name) instanceof String value ? value : null;
  }
}
