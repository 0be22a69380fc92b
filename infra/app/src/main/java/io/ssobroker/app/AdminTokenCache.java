package io.ssobroker.app;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.registry.RegistryContract;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who a bearer token hash belongs to, remembered for a few seconds: introspection runs on every product API call, and
 * asking the registry each time would double its cost. Every registry change (a token revoked among them) empties the
 * cache at once; the short lifetime covers a lost notice.
 */
final class AdminTokenCache {

  private static final Duration LIFETIME = Duration.ofSeconds(10);
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(AdminActor actor, long expiresAtNanos) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  AdminTokenCache(Vertx vertx) {
    vertx.eventBus().consumer(RegistryContract.CHANGED, notice -> {
      generation.incrementAndGet();
      entries.clear();
    });
  }

  /** Taken before asking the registry: an answer that a change overtook is not remembered. */
  long generation() {
    return generation.get();
  }

  Optional<AdminActor> get(String tokenHash) {
    Entry entry = entries.get(tokenHash);
    if (entry == null || System.nanoTime() - entry.expiresAtNanos() > 0) {
      return Optional.empty();
    }
    return Optional.of(entry.actor());
  }

  void put(String tokenHash, AdminActor actor, long askedAtGeneration) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(tokenHash, new Entry(actor, System.nanoTime() + LIFETIME.toNanos()));
    if (askedAtGeneration != generation.get()) {
      entries.remove(tokenHash);
    }
  }
}
