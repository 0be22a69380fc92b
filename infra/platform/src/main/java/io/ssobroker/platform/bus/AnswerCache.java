package io.ssobroker.platform.bus;

import io.vertx.core.Vertx;
import java.time.Clock;
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
 * Safe to use from any thread.
 */
public final class AnswerCache<V> {

  private record Entry<V>(V value, Instant validUntil) {}

  private final Duration lifetime;
  private final int maxEntries;
  private final Clock clock;
  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  public AnswerCache(Duration lifetime, int maxEntries, Clock clock) {
    this.lifetime = lifetime;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** Empties the cache on every change announced to these addresses, before the call that made the change answers. */
  public AnswerCache<V> clearedBy(Vertx vertx, String... addresses) {
    for (String address : addresses) {
      ChangeNotices.listen(vertx, address, this::clear);
    }
    return this;
  }

  /** Forgets every answer, and every answer still on its way. */
  public void clear() {
    generation.incrementAndGet();
    entries.clear();
  }

  public long generation() {
    return generation.get();
  }

  public Optional<V> get(String key) {
    Entry<V> entry = entries.get(key);
    return entry == null || !clock.instant().isBefore(entry.validUntil())
        ? Optional.empty()
        : Optional.of(entry.value());
  }

  /** Remembers the answer for the lifetime, or until {@code notAfter} when that comes first. */
  public void put(String key, V value, long askedAtGeneration, Optional<Instant> notAfter) {
    if (askedAtGeneration != generation.get()) {
      return;
    }
    Instant validUntil = clock.instant().plus(lifetime);
    if (notAfter.isPresent() && notAfter.get().isBefore(validUntil)) {
      validUntil = notAfter.get();
    }
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(key, new Entry<>(value, validUntil));
    // a change announced between the check above and the put must not leave this answer behind
    if (askedAtGeneration != generation.get()) {
      entries.remove(key);
    }
  }
}
