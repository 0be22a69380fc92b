package io.ssobroker.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aBurstOfOneMinutesAllowanceThenEvenRefill() {
    MovableClock clock = new MovableClock();
    LoginRateLimiter limiter = new LoginRateLimiter(60, clock);

    for (int i = 0; i < 60; i++) {
      assertThat(limiter.allow("10.0.0.1")).as("start %d", i).isTrue();
    }
    assertThat(limiter.allow("10.0.0.1")).isFalse();
    assertThat(limiter.allow("10.0.0.2")).as("another client has its own bucket").isTrue();

    clock.now = clock.now.plus(Duration.ofSeconds(1));
    assertThat(limiter.allow("10.0.0.1")).isTrue();
    assertThat(limiter.allow("10.0.0.1")).isFalse();
  }

  @Test
  void zeroTurnsTheLimitOff() {
    LoginRateLimiter limiter = new LoginRateLimiter(0, new MovableClock());
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.allow("10.0.0.1")).isTrue();
    }
  }
}
