package io.ssobroker.edge.internal.connector.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.testidp.SigningKey;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every ID token rule of SPEC section 5 and HOSTILE's OAuth list, without a network: keys and tokens made here. */
class IdTokenVerifierTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration SKEW = Duration.ofMinutes(2);
  private static final String ISSUER = "https://idp.example.test";
  private static final String CLIENT = "client-1";
  private static final String NONCE = "nonce-1";
  private static final SigningKey RSA = SigningKey.rsa("rsa-1");
  private static final SigningKey EC = SigningKey.ec("ec-1");
  private static final OidcProfile PROFILE = () -> URI.create(ISSUER + OidcProfile.WELL_KNOWN);
  private static final ProviderMetadata PROVIDER = new ProviderMetadata(ISSUER, URI.create(ISSUER + "/authorize"),
      URI.create(ISSUER + "/token"), URI.create(ISSUER + "/jwks"), false, false);

  private final IdTokenVerifier verifier = new IdTokenVerifier(Clock.fixed(NOW, ZoneOffset.UTC), SKEW);

  /** The published keys, by id. */
  private record Published(Map<String, PublishedKey> keys) implements SigningKeys {
    static Published of(SigningKey... keys) {
      Map<String, PublishedKey> published = new HashMap<>();
      for (SigningKey key : keys) {
        published.put(key.kid(), new PublishedKey(key.publicJwk()));
      }
      return new Published(published);
    }

    @Override
    public Future<Optional<PublishedKey>> withId(String keyId) {
      return Future.succeededFuture(Optional.ofNullable(keys.get(keyId)));
    }

    @Override
    public Future<Optional<PublishedKey>> sole() {
      return Future.succeededFuture(keys.size() == 1 ? Optional.of(keys.values().iterator().next()) : Optional.empty());
    }
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().issuer(ISSUER).subject("user-1").audience(CLIENT)
        .expirationTime(Date.from(NOW.plusSeconds(300))).issueTime(Date.from(NOW)).claim("nonce", NONCE)
        .claim("email", "alice@acme.com");
  }

  private static String signed(SigningKey key, JWTClaimsSet claims, Consumer<JWSHeader.Builder> header) {
    try {
      JWSHeader.Builder builder = new JWSHeader.Builder(key.algorithm()).keyID(key.kid()).type(JOSEObjectType.JWT);
      header.accept(builder);
      SignedJWT jwt = new SignedJWT(builder.build(), claims);
      JWSSigner signer = key.privateJwk() instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key.privateJwk());
      jwt.sign(signer);
      return jwt.serialize();
    } catch (Exception failure) {
      throw new IllegalStateException(failure);
    }
  }

  private static String signed(JWTClaimsSet claims) {
    return signed(RSA, claims, header -> {});
  }

  private Future<VerifiedIdToken> verify(String token, SigningKeys keys) {
    return verifier.verify(token, keys, CLIENT, PROFILE, PROVIDER, NONCE);
  }

  private LoginReason refused(String token) {
    return refused(token, Published.of(RSA, EC));
  }

  private LoginReason refused(String token, SigningKeys keys) {
    Future<VerifiedIdToken> verified = verify(token, keys);
    assertThat(verified.failed()).as("the token was accepted").isTrue();
    assertThat(verified.cause()).isInstanceOf(LoginFailure.class);
    return ((LoginFailure) verified.cause()).reason();
  }

  private VerifiedIdToken accepted(String token) {
    Future<VerifiedIdToken> verified = verify(token, Published.of(RSA, EC));
    assertThat(verified.succeeded()).as("refused: %s", verified.cause()).isTrue();
    return verified.result();
  }

  @Test
  void aTokenSignedWithAPublishedRsaOrEcKeyIsAcceptedWithItsClaims() {
    VerifiedIdToken rsa = accepted(signed(claims().build()));
    assertThat(rsa.subject()).isEqualTo("user-1");
    assertThat(rsa.claims().getString("email")).isEqualTo("alice@acme.com");
    assertThat(accepted(signed(EC, claims().build(), header -> {})).subject()).isEqualTo("user-1");
  }

  @Test
  void aBadSignatureIsRefused() {
    SigningKey impostor = SigningKey.rsa(RSA.kid());
    assertThat(refused(signed(impostor, claims().build(), header -> {}))).isEqualTo(LoginReason.BAD_SIGNATURE);
    String valid = signed(claims().build());
    String[] parts = valid.split("\\.");
    String otherPayload = signed(claims().subject("someone-else").build()).split("\\.")[1];
    assertThat(refused(parts[0] + "." + otherPayload + "." + parts[2])).isEqualTo(LoginReason.BAD_SIGNATURE);
  }

  @Test
  void unsignedAndHmacTokensAreRefusedWhateverTheirKey() throws Exception {
    assertThat(refused(new PlainJWT(claims().build()).serialize())).isEqualTo(LoginReason.ALG_NOT_ALLOWED);
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(RSA.kid()).build(), claims().build());
    hmac.sign(new MACSigner(RSA.publicJwk().toRSAKey().toRSAPublicKey().getEncoded()));
    assertThat(refused(hmac.serialize())).isEqualTo(LoginReason.ALG_NOT_ALLOWED);
  }

  @Test
  void anythingButACompactJwsIsMalformed() {
    assertThat(refused("not-a-token")).isEqualTo(LoginReason.MALFORMED_TOKEN);
    assertThat(refused("eyJhbGciOiJSUzI1NiJ9.e30")).isEqualTo(LoginReason.MALFORMED_TOKEN);
  }

  @Test
  void tokensOfAnotherTypeAreNotIdTokens() {
    for (String type : List.of("at+jwt", "application/at+jwt", "logout+jwt", "JOSE")) {
      assertThat(refused(signed(RSA, claims().build(), header -> header.type(new JOSEObjectType(type)))))
          .as(type).isEqualTo(LoginReason.WRONG_TOKEN_TYPE);
    }
    assertThat(accepted(signed(RSA, claims().build(), header -> header.type(null))).subject()).isEqualTo("user-1");
    assertThat(accepted(signed(RSA, claims().build(), header -> header.type(new JOSEObjectType("application/jwt")))))
        .isNotNull();
  }

  @Test
  void keysAreLookedUpByIdAndATokenWithoutOneNeedsASoleKey() {
    assertThat(refused(signed(SigningKey.rsa("unknown"), claims().build(), header -> {})))
        .isEqualTo(LoginReason.UNKNOWN_KEY);
    String withoutKeyId = signed(RSA, claims().build(), header -> header.keyID(null));
    assertThat(verify(withoutKeyId, Published.of(RSA)).succeeded()).isTrue();
    assertThat(refused(withoutKeyId, Published.of(RSA, EC))).isEqualTo(LoginReason.UNKNOWN_KEY);
  }

  @Test
  void keyHeadersOfTheTokenItselfAreNeverUsed() throws Exception {
    SigningKey attacker = SigningKey.rsa("attacker");
    String embedded = signed(attacker, claims().build(), header -> header.jwk(attacker.publicJwk())
        .jwkURL(URI.create("https://evil.example/jwks")).x509CertURL(URI.create("https://evil.example/cert")));
    assertThat(refused(embedded)).isEqualTo(LoginReason.UNKNOWN_KEY);
    String reusedKeyId = signed(attacker, claims().build(), header -> header.keyID(RSA.kid()).jwk(attacker.publicJwk()));
    assertThat(refused(reusedKeyId)).isEqualTo(LoginReason.BAD_SIGNATURE);
  }

  @Test
  void issuerAudienceAndAuthorizedPartyMustBeThisConnectors() {
    assertThat(refused(signed(claims().issuer("https://evil.example").build()))).isEqualTo(LoginReason.WRONG_ISSUER);
    assertThat(refused(signed(claims().audience("other-client").build()))).isEqualTo(LoginReason.WRONG_AUDIENCE);
    assertThat(refused(signed(claims().audience((String) null).build()))).isEqualTo(LoginReason.MISSING_AUD);
    assertThat(refused(signed(claims().audience(List.of(CLIENT, "untrusted")).build())))
        .isEqualTo(LoginReason.AZP_MISMATCH);
    assertThat(refused(signed(claims().claim("azp", "other-client").build()))).isEqualTo(LoginReason.AZP_MISMATCH);
    assertThat(accepted(signed(claims().audience(List.of(CLIENT, "api")).claim("azp", CLIENT).build()))).isNotNull();
  }

  @Test
  void requiredClaimsMustBePresent() {
    assertThat(refused(signed(claims().subject(null).build()))).isEqualTo(LoginReason.MISSING_SUB);
    assertThat(refused(signed(claims().subject(" ").build()))).isEqualTo(LoginReason.MISSING_SUB);
    assertThat(refused(signed(claims().expirationTime(null).build()))).isEqualTo(LoginReason.MISSING_EXP);
    assertThat(refused(signed(claims().issueTime(null).build()))).isEqualTo(LoginReason.MISSING_IAT);
  }

  @Test
  void timesHoldWithinTheSkewAndNotBeyond() {
    assertThat(accepted(signed(claims().expirationTime(Date.from(NOW.minusSeconds(90))).build()))).isNotNull();
    assertThat(refused(signed(claims().expirationTime(Date.from(NOW.minusSeconds(121))).build())))
        .isEqualTo(LoginReason.EXPIRED);
    assertThat(accepted(signed(claims().issueTime(Date.from(NOW.plusSeconds(90))).build()))).isNotNull();
    assertThat(refused(signed(claims().issueTime(Date.from(NOW.plusSeconds(600))).build())))
        .isEqualTo(LoginReason.ISSUED_IN_FUTURE);
  }

  @Test
  void theNonceMustBeThisLogins() {
    assertThat(refused(signed(claims().claim("nonce", "another").build()))).isEqualTo(LoginReason.NONCE_MISMATCH);
    assertThat(refused(signed(claims().claim("nonce", null).build()))).isEqualTo(LoginReason.NONCE_MISMATCH);
    assertThat(refused(signed(claims().claim("nonce", 42).build()))).isEqualTo(LoginReason.NONCE_MISMATCH);
  }
}
