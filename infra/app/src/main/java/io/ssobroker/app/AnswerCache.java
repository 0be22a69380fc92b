package io.ssobroker.app;

import io.ssobroker.platform.bus.ChangeNotices;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers of another service, remembered for a short lifetime and forgotten at once when that service announces a
 * change ({@link ChangeNotices}); the lifetime bounds a lost announcement. An answer asked for before a change and
 * arriving after it is not remembered: callers take {@link #generation()} before asking and hand it to {@link #put}.
 */
final class AnswerCache<V> {

  private record Entry<V>(V value, Instant validUntil) {}

  private final Duration lifetime;
  private final int maxEntries;
  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  AnswerCache(Duration lifetime, int maxEntries) {
    this.lifetime = lifetime;
    this.maxEntries = maxEntries;
  }

  /** Empties the cache on every change announced to these addresses, before the call that made the change answers. */
  AnswerCache<V> clearedBy(Vertx vertx, String... addresses) {
    for (String address : addresses) {
      ChangeNotices.listen(vertx, address, () -> {
        generation.incrementAndGet();
        entries.clear();
      });
    }
    return this;
  }

  long generation() {
    return generation.get();
  }

  Optional<V> get(String key) {
    Entry<V> entry = entries.get(key);
    return entry == null || !Instant.now().isBefore(entry.validUntil()) ? Optional.empty() : Optional.of(entry.value());
  }

  /** Remembers the answer for the lifetime, or until {@code notAfter} when that comes first. */
  void put(String key, V value, long askedAtGeneration, Optional<Instant> notAfter) {
    Instant validUntil = Instant.now().plus(lifetime);
    if (notAfter.isPresent() && notAfter.get().isBefore(validUntil)) {
      validUntil = notAfter.get();
    }
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(key, new Entry<>(value, validUntil));
    if (askedAtGeneration != generation.get()) {
      entries.remove(key);
    }
  }
}
