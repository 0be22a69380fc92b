package io.ssobroker.edge.internal.web;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits login starts per client address with a token bucket: a burst of a minute's allowance, refilled evenly.
 * The table of addresses is bounded; when it is full it is cleared, which forgives everyone rather than growing.
 */
public final class LoginRateLimiter {

  private static final int MAX_CLIENTS = 100_000;

  private static final class Bucket {
    double tokens;
    long refilledAtMillis;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAtMillis = now;
    }
  }

  private final int perMinute;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** @param perMinute starts allowed per client and minute; 0 allows everything */
  public LoginRateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  public boolean allow(String client) {
    if (perMinute == 0) {
      return true;
    }
    if (buckets.size() >= MAX_CLIENTS) {
      buckets.clear();
    }
    long now = clock.millis();
    Bucket bucket = buckets.computeIfAbsent(client, key -> new Bucket(perMinute, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.refilledAtMillis) * perMinute / 60_000.0);
      bucket.refilledAtMillis = now;
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens -= 1;
      return true;
    }
  }
}
