package io.ssobroker.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Another service's answers: kept for their lifetime or until their own end, never across a change, bounded. */
class AnswerCacheTest {

  private static final Duration LIFETIME = Duration.ofSeconds(10);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final AnswerCache<String> cache = new AnswerCache<>(LIFETIME, 3, clock);

  @Test
  void anAnswerLastsItsLifetime() {
    cache.put("k", "v", cache.generation(), Optional.empty());
    clock.advance(LIFETIME.minusMillis(1));
    assertThat(cache.get("k")).contains("v");
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.get("k")).isEmpty();
  }

  @Test
  void anAnswerThatEndsSoonerIsForgottenThen() {
    cache.put("k", "v", cache.generation(), Optional.of(clock.instant().plusSeconds(2)));
    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.get("k")).isEmpty();
  }

  @Test
  void aChangeForgetsEveryAnswerAndEveryAnswerAskedForBeforeIt() {
    cache.put("k", "v", cache.generation(), Optional.empty());
    long askedBefore = cache.generation();
    cache.clear();
    assertThat(cache.get("k")).isEmpty();
    cache.put("late", "stale", askedBefore, Optional.empty());
    assertThat(cache.get("late")).as("asked before the change, answered after it").isEmpty();
  }

  @Test
  void itNeverHoldsMoreThanItsBound() {
    for (int i = 0; i < 10; i++) {
      cache.put("k" + i, "v", cache.generation(), Optional.empty());
    }
    long kept = java.util.stream.IntStream.range(0, 10).filter(i -> cache.get("k" + i).isPresent()).count();
    assertThat(kept).isBetween(1L, 3L);
    assertThat(cache.get("k9")).contains("v");
  }
}
