package io.ssobroker.edge.internal.connector.oidc;

import com.nimbusds.jose.jwk.JWK;
import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.platform.SharedFutures;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IdP's discovery document and signing keys, fetched once and kept. The keys are fetched again when a token names
 * an unknown key id (a rotation), but such refetches happen at most once per {@link #MIN_REFETCH_INTERVAL}, so that
 * tokens with random key ids cannot make the broker hammer the IdP; never are two fetches in flight. When the JWKS
 * endpoint is down, the keys already known keep working.
 */
final class OidcProvider {

  private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);
  private static final int MAX_DOCUMENT_BYTES = 512 * 1024;
  static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);
  private static final Duration METADATA_LIFETIME = Duration.ofHours(1);
  private static final Duration KEYS_LIFETIME = Duration.ofHours(1);

  private final URI discoveryUrl;
  private final IdpHttp http;
  private final Clock clock;

  private Future<ProviderMetadata> metadata;
  private Instant metadataFetchedAt = Instant.EPOCH;
  private Map<String, PublishedKey> keys = Map.of();
  private Instant keysFetchedAt = Instant.EPOCH;
  private Instant unknownKeyRefetchAt = Instant.EPOCH;
  private Future<Map<String, PublishedKey>> keysInFlight;

  OidcProvider(URI discoveryUrl, IdpHttp http, Clock clock) {
    this.discoveryUrl = discoveryUrl;
    this.http = http;
    this.clock = clock;
  }

  /** The discovery document; a failed fetch is not kept, so the next login tries again (within the breaker). */
  synchronized Future<ProviderMetadata> metadata() {
    Instant now = clock.instant();
    boolean stale = metadataFetchedAt.plus(METADATA_LIFETIME).isBefore(now);
    if (metadata == null || (metadata.failed()) || (stale && metadata.isComplete())) {
      metadataFetchedAt = now;
      metadata = http.get(discoveryUrl, MAX_DOCUMENT_BYTES).map(response -> {
        if (response.status() != 200) {
          throw new IllegalArgumentException("discovery answered HTTP " + response.status());
        }
        return ProviderMetadata.parse(json(response.body().toString()));
      }).onFailure(failure -> LOG.warn("discovery {} failed: {}", discoveryUrl, failure.toString()));
    }
    return SharedFutures.forCaller(metadata);
  }

  /** The keys of this provider, as the ID token verifier looks them up. */
  SigningKeys keys(ProviderMetadata provider) {
    return new SigningKeys() {
      @Override
      public Future<Optional<PublishedKey>> withId(String keyId) {
        return signingKey(provider, keyId);
      }

      @Override
      public Future<Optional<PublishedKey>> sole() {
        return soleKey(provider);
      }
    };
  }

  /** The key with this id, fetching the key set again when it is unknown and the rate limit allows. */
  synchronized Future<Optional<PublishedKey>> signingKey(ProviderMetadata provider, String keyId) {
    PublishedKey known = keys.get(keyId);
    Instant now = clock.instant();
    if (known != null) {
      if (keysFetchedAt.plus(KEYS_LIFETIME).isBefore(now)) {
        refetchKeys(provider, now);
      }
      return Future.succeededFuture(Optional.of(known));
    }
    if (keysInFlight == null && !keysFetchedAt.equals(Instant.EPOCH)) {
      if (unknownKeyRefetchAt.plus(MIN_REFETCH_INTERVAL).isAfter(now)) {
        return Future.succeededFuture(Optional.empty());
      }
      unknownKeyRefetchAt = now;
    }
    return SharedFutures.forCaller(refetchKeys(provider, now)).map(current -> Optional.ofNullable(current.get(keyId)));
  }

  /** When a token has no key id: the only key of the set, if there is exactly one. */
  synchronized Future<Optional<PublishedKey>> soleKey(ProviderMetadata provider) {
    Future<Map<String, PublishedKey>> current = keys.isEmpty()
        ? SharedFutures.forCaller(refetchKeys(provider, clock.instant())) : Future.succeededFuture(keys);
    return current.map(all -> all.size() == 1 ? Optional.of(all.values().iterator().next()) : Optional.empty());
  }

  /** The provider's published signing keys, fetched now; fails when the key set cannot be fetched. */
  Future<Map<String, PublishedKey>> fetchKeys(ProviderMetadata provider) {
    return http.get(provider.jwksUri(), MAX_DOCUMENT_BYTES).map(response -> {
      if (response.status() != 200) {
        throw new IllegalArgumentException("the JWKS endpoint answered HTTP " + response.status());
      }
      return parseKeys(json(response.body().toString()));
    });
  }

  private Future<Map<String, PublishedKey>> refetchKeys(ProviderMetadata provider, Instant now) {
    if (keysInFlight != null) {
      return keysInFlight;
    }
    keysFetchedAt = now;
    // callers that join the fetch in flight get what it leaves known, as its first caller does, never its failure
    Future<Map<String, PublishedKey>> refetch = fetchKeys(provider).transform(result -> {
      synchronized (this) {
        keysInFlight = null;
        if (result.succeeded()) {
          keys = result.result();
        } else {
          LOG.warn("cannot fetch the signing keys of {}: {}; keeping {} known keys", provider.issuer(),
              result.cause().getMessage(), keys.size());
        }
        return Future.succeededFuture(keys);
      }
    });
    // a fetch that failed at once (a paused IdP) is over already: nothing is in flight
    if (!refetch.isComplete()) {
      keysInFlight = refetch;
    }
    return refetch;
  }

  /** Each key on its own: one key that cannot be parsed does not hide the others. */
  private static Map<String, PublishedKey> parseKeys(JsonObject document) {
    JsonArray entries = document.getJsonArray("keys", new JsonArray());
    Map<String, PublishedKey> parsed = new HashMap<>();
    for (Object entry : entries) {
      if (!(entry instanceof JsonObject key)) {
        continue;
      }
      try {
        JWK jwk = JWK.parse(key.encode());
        if (!jwk.isPrivate() && (jwk.getKeyUse() == null || "sig".equals(jwk.getKeyUse().identifier()))) {
          parsed.put(jwk.getKeyID() == null ? "" : jwk.getKeyID(), new PublishedKey(jwk));
        }
      } catch (ParseException unparseable) {
        LOG.warn("ignoring a JWKS entry that is not a valid key: {}", unparseable.getMessage());
      }
    }
    return Map.copyOf(parsed);
  }

  private static JsonObject json(String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException notJson) {
      throw new IllegalArgumentException("not a JSON object");
    }
  }
}
