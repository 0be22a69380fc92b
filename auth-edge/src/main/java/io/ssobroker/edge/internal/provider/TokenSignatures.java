package io.ssobroker.edge.internal.provider;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signers and verifiers of the provider's own tokens, made once per key. Their signatures come from AWS-LC (the Amazon
 * Corretto Crypto Provider) where its native library loads, about a tenth of the JDK's ECDSA cost; elsewhere from the
 * JDK. Only these objects use it: the rest of the broker keeps the JDK's providers.
 */
final class TokenSignatures {

  private static final Logger LOG = LoggerFactory.getLogger(TokenSignatures.class);
  private static final Optional<Provider> NATIVE = loadNative();

  private TokenSignatures() {}

  /** Which implementation signs, for the start-up log and the tests. */
  static String implementation() {
    return NATIVE.map(provider -> provider.getName() + " " + provider.getVersionStr()).orElse("the JDK");
  }

  static JWSSigner signer(JWK key) throws JOSEException {
    if (key instanceof ECKey ec) {
      ECDSASigner signer = new ECDSASigner(nativePrivate(ec.toPrivateKey(), "EC"), ec.getCurve());
      NATIVE.ifPresent(provider -> signer.getJCAContext().setProvider(provider));
      return signer;
    }
    RSASSASigner signer = new RSASSASigner(nativePrivate(((RSAKey) key).toPrivateKey(), "RSA"));
    NATIVE.ifPresent(provider -> signer.getJCAContext().setProvider(provider));
    return signer;
  }

  static JWSVerifier verifier(JWK key) throws JOSEException {
    if (key instanceof ECKey ec) {
      ECDSAVerifier verifier = new ECDSAVerifier((ECPublicKey) nativePublic(ec.toECPublicKey(), "EC"));
      NATIVE.ifPresent(provider -> verifier.getJCAContext().setProvider(provider));
      return verifier;
    }
    RSASSAVerifier verifier = new RSASSAVerifier((RSAPublicKey) nativePublic(((RSAKey) key).toRSAPublicKey(), "RSA"));
    NATIVE.ifPresent(provider -> verifier.getJCAContext().setProvider(provider));
    return verifier;
  }

  /** The key in the native provider's own form, so that no signature converts it again. */
  private static PrivateKey nativePrivate(PrivateKey key, String algorithm) throws JOSEException {
    if (NATIVE.isEmpty()) {
      return key;
    }
    try {
      return KeyFactory.getInstance(algorithm, NATIVE.get()).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException unusable) {
      throw new JOSEException("the native provider cannot read a " + algorithm + " signing key", unusable);
    }
  }

  private static PublicKey nativePublic(PublicKey key, String algorithm) throws JOSEException {
    if (NATIVE.isEmpty()) {
      return key;
    }
    try {
      return KeyFactory.getInstance(algorithm, NATIVE.get()).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException unusable) {
      throw new JOSEException("the native provider cannot read a " + algorithm + " public key", unusable);
    }
  }

  private static Optional<Provider> loadNative() {
    try {
      AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
      return Optional.of(AmazonCorrettoCryptoProvider.INSTANCE);
    } catch (RuntimeException | LinkageError unavailable) {
      LOG.info("token signatures use the JDK: the native provider cannot load here ({})", unavailable.toString());
      return Optional.empty();
    }
  }
}
