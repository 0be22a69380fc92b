package io.ssobroker.edge.internal.connector.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Optional;

/**
 * A signing key from an IdP's key set. Its verifier is made on first use and kept: turning a JWK into a public key
 * (decoding it, then asking the key factory) costs about a tenth of checking a signature, and every login would pay it.
 */
final class PublishedKey {

  private final JWK jwk;
  private volatile JWSVerifier verifier;

  PublishedKey(JWK jwk) {
    this.jwk = jwk;
  }

  /** The verifier of tokens signed with {@code algorithm}; empty when this key cannot have made such a signature. */
  Optional<JWSVerifier> verifierFor(JWSAlgorithm algorithm) throws JOSEException {
    boolean rsa = JWSAlgorithm.Family.RSA.contains(algorithm) && jwk instanceof RSAKey;
    boolean ec = JWSAlgorithm.Family.EC.contains(algorithm) && jwk instanceof ECKey ecKey
        && Curve.forJWSAlgorithm(algorithm).contains(ecKey.getCurve());
    if (!rsa && !ec) {
      return Optional.empty();
    }
    JWSVerifier made = verifier;
    if (made == null) {
      made = rsa ? new RSASSAVerifier((RSAKey) jwk) : new ECDSAVerifier((ECKey) jwk);
      verifier = made;
    }
    return Optional.of(made);
  }
}
