package io.ssobroker.platform.bus;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers of another service, remembered for a short lifetime and forgotten at once when that service announces a
 * change ({@link ChangeNotices}); the lifetime bounds a lost announcement. An answer asked for before a change and
 * arriving after it is not remembered: callers take {@link #generation()} before asking and hand it to {@link #put}.
 * Holds at most its bound, dropping the answers least likely to be asked for again (Caffeine's eviction). Time is
 * the given clock's, so tests move it. Safe to use from any thread.
 */
public final class AnswerCache<V> {

  private record Entry<V>(V value, Instant validUntil) {}

  private final Duration lifetime;
  private final Clock clock;
  private final Cache<String, Entry<V>> entries;
  private final AtomicLong generation = new AtomicLong();

  public AnswerCache(Duration lifetime, int maxEntries, Clock clock) {
    this.lifetime = lifetime;
    this.clock = clock;
    this.entries = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .expireAfter(new UntilValid<V>())
        .ticker(ticker(clock))
        // evictions happen on the calling thread, so that the bound holds when put returns
        .executor(Runnable::run)
        .build();
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
    entries.invalidateAll();
  }

  public long generation() {
    return generation.get();
  }

  public Optional<V> get(String key) {
    return Optional.ofNullable(entries.getIfPresent(key)).map(Entry::value);
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
    entries.put(key, new Entry<>(value, validUntil));
    // a change announced between the check above and the put must not leave this answer behind
    if (askedAtGeneration != generation.get()) {
      entries.invalidate(key);
    }
  }

  private static Ticker ticker(Clock clock) {
    return () -> nanos(clock.instant());
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** Each answer expires at its own end; reading it does not extend it. */
  private static final class UntilValid<V> implements Expiry<String, Entry<V>> {

    @Override
    public long expireAfterCreate(String key, Entry<V> entry, long currentTime) {
      return Math.max(0, nanos(entry.validUntil()) - currentTime);
    }

    @Override
    public long expireAfterUpdate(String key, Entry<V> entry, long currentTime, long currentDuration) {
      return expireAfterCreate(key, entry, currentTime);
    }

    @Override
    public long expireAfterRead(String key, Entry<V> entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
