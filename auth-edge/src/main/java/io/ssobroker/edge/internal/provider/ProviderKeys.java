package io.ssobroker.edge.internal.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import io.ssobroker.edge.internal.provider.SigningKeyStore.StoredKey;
import io.ssobroker.platform.client.ClientDefinition.SigningAlgorithm;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys this edge uses, as the store last said: the one that signs per algorithm, and every published key,
 * which the JWKS answers and access tokens are verified with. Replaced as a whole on each reload; safe from any thread.
 */
final class ProviderKeys {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderKeys.class);

  /** The key that signs with an algorithm now. */
  record Signing(String kid, JWSAlgorithm algorithm, JWSSigner signer) {}

  private record Snapshot(Map<SigningAlgorithm, Signing> signing, Map<String, JWSVerifier> verifiers, String jwks,
      JsonObject description) {}

  private final SigningKeyStore store;
  private volatile Snapshot snapshot;

  ProviderKeys(SigningKeyStore store) {
    this.store = store;
  }

  /** Makes the keys when no edge has yet, then loads them. */
  Future<Void> start() {
    LOG.info("the provider signs its tokens with {}", TokenSignatures.implementation());
    return store.ensureKeys().compose(made -> reload());
  }

  Future<Void> reload() {
    return store.published().map(keys -> {
      snapshot = snapshotOf(keys);
      return null;
    });
  }

  /** Rotates every algorithm's keys, then answers what is published. */
  Future<JsonObject> rotate() {
    return store.rotate().compose(rotated -> reload()).map(loaded -> snapshot.description());
  }

  Signing signing(SigningAlgorithm algorithm) {
    return snapshot.signing().get(algorithm);
  }

  Optional<JWSVerifier> verifier(String kid) {
    return Optional.ofNullable(snapshot.verifiers().get(kid));
  }

  /** The JWKS document: the public half of every published key. */
  String jwks() {
    return snapshot.jwks();
  }

  private static Snapshot snapshotOf(List<StoredKey> keys) {
    Map<SigningAlgorithm, Signing> signing = new EnumMap<>(SigningAlgorithm.class);
    Map<String, JWSVerifier> verifiers = new HashMap<>();
    JsonArray description = new JsonArray();
    try {
      for (StoredKey key : keys) {
        verifiers.put(key.kid(), TokenSignatures.verifier(key.publicJwk()));
        if (key.state().equals("current")) {
          signing.put(key.algorithm(), new Signing(key.kid(), JWSAlgorithm.parse(key.algorithm().name()),
              TokenSignatures.signer(key.privateJwk())));
        }
        description.add(new JsonObject().put("kid", key.kid()).put("alg", key.algorithm().name())
            .put("state", key.state())
            .put("publishedUntil", key.publishedUntil() == null ? null : key.publishedUntil().toString()));
      }
    } catch (JOSEException unusable) {
      throw new IllegalStateException("a signing key cannot be used", unusable);
    }
    for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
      if (!signing.containsKey(algorithm)) {
        throw new IllegalStateException("no current " + algorithm + " signing key");
      }
    }
    String jwks = new JWKSet(keys.stream().map(StoredKey::publicJwk).toList()).toString(true);
    return new Snapshot(Map.copyOf(signing), Map.copyOf(verifiers), jwks, new JsonObject().put("keys", description));
  }
}
