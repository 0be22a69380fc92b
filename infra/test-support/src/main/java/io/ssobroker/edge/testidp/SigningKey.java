package io.ssobroker.edge.testidp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.PublicKey;
import java.util.Objects;

/** A freshly generated key pair that signs ID tokens: RS256 (RSA 2048) or ES256 (P-256). */
public final class SigningKey {

  private final JWK privateJwk;
  private final JWSAlgorithm algorithm;
  private JWSSigner signer;

  private SigningKey(JWK privateJwk, JWSAlgorithm algorithm) {
    this.privateJwk = privateJwk;
    this.algorithm = algorithm;
  }

  public static SigningKey rsa(String kid) {
    Objects.requireNonNull(kid, "kid");
    try {
      RSAKey key = new RSAKeyGenerator(2048)
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
      return new SigningKey(key, JWSAlgorithm.RS256);
    } catch (JOSEException failure) {
      throw new IllegalStateException("cannot generate an RSA key", failure);
    }
  }

  public static SigningKey ec(String kid) {
    Objects.requireNonNull(kid, "kid");
    try {
      ECKey key = new ECKeyGenerator(Curve.P_256)
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .generate();
      return new SigningKey(key, JWSAlgorithm.ES256);
    } catch (JOSEException failure) {
      throw new IllegalStateException("cannot generate an EC key", failure);
    }
  }

  public String kid() {
    return privateJwk.getKeyID();
  }

  public JWSAlgorithm algorithm() {
    return algorithm;
  }

  /** The public half, as the JWKS publishes it (an {@link RSAKey} or an {@link ECKey}). */
  public JWK publicJwk() {
    return privateJwk.toPublicJWK();
  }

  /** The whole key pair, for tests that sign tokens themselves. */
  public JWK privateJwk() {
    return privateJwk;
  }

  /** Made once: turning the JWK into a private key is costly (with some providers, more than a signature). */
  synchronized JWSSigner signer() throws JOSEException {
    if (signer == null) {
      signer = privateJwk instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner(privateJwk.toECKey());
    }
    return signer;
  }

  /** The public key's X.509 SubjectPublicKeyInfo DER bytes. */
  byte[] encodedPublicKey() throws JOSEException {
    PublicKey key = privateJwk instanceof RSAKey rsa ? rsa.toPublicKey() : privateJwk.toECKey().toPublicKey();
    return key.getEncoded();
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid() + ", alg=" + algorithm + "]";
  }
}
