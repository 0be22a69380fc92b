package io.ssobroker.edge.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

  @Test
  void aBurstOfOneMinutesAllowanceThenEvenRefill() {
    MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    LoginRateLimiter limiter = new LoginRateLimiter(60, clock);

    for (int i = 0; i < 60; i++) {
      assertThat(limiter.allow("10.0.0.1")).as("start %d", i).isTrue();
    }
    assertThat(limiter.allow("10.0.0.1")).isFalse();
    assertThat(limiter.allow("10.0.0.2")).as("another client has its own bucket").isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.allow("10.0.0.1")).isTrue();
    assertThat(limiter.allow("10.0.0.1")).isFalse();
  }

  @Test
  void zeroTurnsTheLimitOff() {
    LoginRateLimiter limiter = new LoginRateLimiter(0, new MovableClock(Instant.parse("2026-11-22T10:00:00Z")));
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.allow("10.0.0.1")).isTrue();
    }
  }
}
