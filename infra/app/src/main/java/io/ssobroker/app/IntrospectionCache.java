package io.ssobroker.app;

import io.ssobroker.platform.directory.DirectoryContract;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Introspection answers, remembered for a few seconds per (admin token, SHA-256 of the API key): products introspect
 * the same keys on every API call. The directory announces every revocation (and every user disabled, deleted, moved
 * or re-addressed) and the cache empties at once; a remembered active answer never outlives its key's expiry, and
 * the short lifetime bounds a lost announcement.
 */
final class IntrospectionCache {

  private static final Duration LIFETIME = Duration.ofSeconds(10);
  private static final int MAX_ENTRIES = 100_000;

  private record Entry(JsonObject answer, Instant validUntil) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  IntrospectionCache(Vertx vertx) {
    vertx.eventBus().consumer(DirectoryContract.USER_CHANGED, notice -> clear());
    vertx.eventBus().consumer(DirectoryContract.API_KEY_REVOKED, notice -> clear());
  }

  long generation() {
    return generation.get();
  }

  Optional<JsonObject> get(String cacheKey) {
    Entry entry = entries.get(cacheKey);
    if (entry == null || !Instant.now().isBefore(entry.validUntil())) {
      return Optional.empty();
    }
    return Optional.of(entry.answer());
  }

  /** {@code askedAtGeneration}: taken before asking the directory, so that an answer a revocation overtook is dropped. */
  void put(String cacheKey, JsonObject answer, long askedAtGeneration) {
    Instant validUntil = Instant.now().plus(LIFETIME);
    String expiresAt = answer.getString("expiresAt");
    if (expiresAt != null) {
      Instant expiry = Instant.parse(expiresAt);
      validUntil = expiry.isBefore(validUntil) ? expiry : validUntil;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(cacheKey, new Entry(answer, validUntil));
    if (askedAtGeneration != generation.get()) {
      entries.remove(cacheKey);
    }
  }

  private void clear() {
    generation.incrementAndGet();
    entries.clear();
  }
}
