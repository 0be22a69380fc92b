package io.ssobroker.edge.connector.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.ssobroker.edge.connector.LoginFailure;
import io.ssobroker.platform.connector.AzureSettings;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an ID token (OpenID Connect Core 3.1.3.7): an asymmetric signature from the IdP's published keys only (the
 * token's own {@code jku}, {@code x5u} and {@code jwk} headers are never used), the exact issuer, the audience and
 * authorized party, the times with bounded clock skew, the nonce of this login, and that it is typed as an ID token.
 * Signatures are verified by Nimbus JOSE; each failed check has its own stable reason.
 */
public final class IdTokenVerifier {

  private static final Set<JWSAlgorithm> ALLOWED = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  private final OidcProviders providers;
  private final Clock clock;
  private final Duration skew;

  public IdTokenVerifier(OidcProviders providers, Clock clock, Duration skew) {
    this.providers = providers;
    this.clock = clock;
    this.skew = skew;
  }

  public Future<VerifiedIdToken> verify(String idToken, OidcClientSettings settings, ProviderMetadata provider,
      String expectedNonce) {
    SignedJWT jwt = parse(idToken);
    JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
    if (!ALLOWED.contains(algorithm)) {
      return Future.failedFuture(LoginFailure.identity("alg_not_allowed"));
    }
    if (!isIdTokenType(jwt.getHeader().getType())) {
      return Future.failedFuture(LoginFailure.identity("wrong_token_type"));
    }
    String keyId = jwt.getHeader().getKeyID();
    OidcProvider keys = providers.of(settings);
    Future<Optional<PublishedKey>> key = keyId == null ? keys.soleKey(provider) : keys.signingKey(provider, keyId);
    return key.map(found -> {
      verifySignature(jwt, found.orElseThrow(() -> LoginFailure.identity("unknown_key")));
      return checkClaims(claimsOf(jwt), settings, provider, expectedNonce);
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
      throw LoginFailure.identity("malformed_token");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw LoginFailure.identity("alg_not_allowed");
    }
    return signed;
  }

  private static void verifySignature(SignedJWT jwt, PublishedKey key) {
    try {
      JWSVerifier verifier = key.verifierFor(jwt.getHeader().getAlgorithm())
          .orElseThrow(() -> LoginFailure.identity("bad_signature"));
      if (!jwt.verify(verifier)) {
        throw LoginFailure.identity("bad_signature");
      }
    } catch (JOSEException unverifiable) {
      throw LoginFailure.identity("bad_signature");
    }
  }

  private static JWTClaimsSet claimsOf(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException malformed) {
      throw LoginFailure.identity("malformed_token");
    }
  }

  private VerifiedIdToken checkClaims(JWTClaimsSet claims, OidcClientSettings settings, ProviderMetadata provider,
      String expectedNonce) {
    String expectedIssuer = provider.issuer();
    if (settings instanceof AzureSettings azure) {
      String tenant = stringClaim(claims, "tid");
      if (!azure.acceptsTenant(tenant)) {
        throw LoginFailure.identity("tenant_not_allowed");
      }
      expectedIssuer = OidcProviders.tenantIssuer(provider, tenant);
    }
    if (!expectedIssuer.equals(claims.getIssuer())) {
      throw LoginFailure.identity("wrong_issuer");
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw LoginFailure.identity("missing_sub");
    }
    checkAudience(claims, settings.clientId());
    Instant now = clock.instant();
    Date expires = claims.getExpirationTime();
    if (expires == null) {
      throw LoginFailure.identity("missing_exp");
    }
    if (expires.toInstant().plus(skew).isBefore(now)) {
      throw LoginFailure.identity("expired");
    }
    Date issued = claims.getIssueTime();
    if (issued == null) {
      throw LoginFailure.identity("missing_iat");
    }
    if (issued.toInstant().minus(skew).isAfter(now)) {
      throw LoginFailure.identity("issued_in_future");
    }
    if (!expectedNonce.equals(stringClaim(claims, "nonce"))) {
      throw LoginFailure.identity("nonce_mismatch");
    }
    return new VerifiedIdToken(subject, new JsonObject(claims.toJSONObject()));
  }

  private static void checkAudience(JWTClaimsSet claims, String clientId) {
    List<String> audience = claims.getAudience();
    if (audience == null || audience.isEmpty()) {
      throw LoginFailure.identity("missing_aud");
    }
    if (!audience.contains(clientId)) {
      throw LoginFailure.identity("wrong_audience");
    }
    String authorizedParty = stringClaim(claims, "azp");
    if ((audience.size() > 1 && authorizedParty == null) || (authorizedParty != null && !authorizedParty.equals(clientId))) {
      throw LoginFailure.identity("azp_mismatch");
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    return claims.getClaim(name) instanceof String value ? value : null;
  }
}
