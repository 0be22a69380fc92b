package io.ssobroker.app;

import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Ready means: PostgreSQL answers, Kafka answers, and every service this process runs or depends on answers its ping
 * over the event bus. Every check runs each time, in parallel, each bounded by the same timeout.
 */
final class ReadinessChecks {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadinessChecks.class);

  private static final int PEER_PING_ATTEMPTS = 3;
  private static final Duration PEER_GRACE = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final Duration timeout;
  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();
  private final Set<String> services = new java.util.HashSet<>();
  private final Map<String, Long> lastAnswered = new java.util.concurrent.ConcurrentHashMap<>();
  private String lastMissing = "[]";

  /**
   * @param ownServices the services this process runs: asked on their local address
   * @param services those and the peers it needs: a peer is asked wherever it runs
   */
  ReadinessChecks(Vertx vertx, Pool database, Admin kafka, Set<ServiceName> ownServices, Set<ServiceName> services,
      Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
    checks.put("postgresql", () -> database.query("select 1").execute());
    checks.put("kafka", () -> Future.fromCompletionStage(kafka.describeCluster(
        new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId().toCompletionStage()));
    for (ServiceName service : services) {
      this.services.add(service.id());
      if (ownServices.contains(service)) {
        checks.put(service.id(), () -> ping(service.localPingAddress(), timeout));
      } else {
        checks.put(service.id(), () -> pingPeer(service));
      }
    }
  }

  /**
   * A replica that just died is still listed until the membership drops it (a few seconds), and its turn of the ping
   * is lost: the ping is sent again, to the next replica. When no attempt is answered in time, a peer that answered
   * within the grace period is still counted as present; one with no handler anywhere is missing at once.
   */
  private Future<Object> pingPeer(ServiceName service) {
    Duration attempt = timeout.dividedBy(PEER_PING_ATTEMPTS);
    Future<Object> pinged = ping(service.pingAddress(), attempt);
    for (int i = 1; i < PEER_PING_ATTEMPTS; i++) {
      pinged = pinged.recover(failure -> noHandler(failure) ? Future.failedFuture(failure)
          : ping(service.pingAddress(), attempt));
    }
    return pinged.andThen(done -> {
      if (done.succeeded()) {
        lastAnswered.put(service.id(), System.nanoTime());
      }
    }).recover(failure -> !noHandler(failure) && answeredWithinGrace(service)
        ? Future.succeededFuture("answered within the last " + PEER_GRACE.toSeconds() + " s")
        : Future.failedFuture(failure));
  }

  private static boolean noHandler(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }

  private boolean answeredWithinGrace(ServiceName service) {
    Long last = lastAnswered.get(service.id());
    return last != null && System.nanoTime() - last < PEER_GRACE.toNanos();
  }

  private Future<Object> ping(String address, Duration within) {
    return vertx.eventBus().<Object>request(address, new JsonObject(),
        new DeliveryOptions().setSendTimeout(within.toMillis())).map(reply -> reply.body());
  }

  /**
   * {@code {"status": "UP"|"DOWN", "checks": [{"name", "status", "error"?}], "missing": [service, ...]}}: missing
   * are the services this process needs that no process of the fleet answers for.
   */
  Future<JsonObject> run() {
    List<Future<JsonObject>> results = new ArrayList<>();
    checks.forEach((name, check) -> results.add(outcome(name, check)));
    return Future.join(results).transform(done -> {
      JsonArray details = new JsonArray();
      JsonArray missing = new JsonArray();
      boolean up = true;
      for (Future<JsonObject> result : results) {
        JsonObject check = result.result();
        details.add(check);
        boolean checkUp = "UP".equals(check.getString("status"));
        up &= checkUp;
        if (!checkUp && services.contains(check.getString("name"))) {
          missing.add(check.getString("name"));
        }
      }
      reportPeers(missing);
      return Future.succeededFuture(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", details)
          .put("missing", missing));
    });
  }

  /** A warning naming the missing peers whenever that list changes, and a line when they all answer again. */
  private synchronized void reportPeers(JsonArray missing) {
    String now = missing.encode();
    if (now.equals(lastMissing)) {
      return;
    }
    if (missing.isEmpty()) {
      LOG.info("every service this process needs answers over the event bus");
    } else {
      LOG.warn("not ready: no process answers for {} (start them, or check the cluster.* settings and that every "
          + "process shares the cluster name and certificate authority)", missing.getList());
    }
    lastMissing = now;
  }

  private Future<JsonObject> outcome(String name, Supplier<Future<?>> check) {
    Future<?> attempt;
    try {
      attempt = check.get();
    } catch (RuntimeException failure) {
      attempt = Future.failedFuture(failure);
    }
    return attempt
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .map(ok -> new JsonObject().put("name", name).put("status", "UP"))
        .otherwise(failure -> new JsonObject().put("name", name).put("status", "DOWN").put("error", describe(failure)));
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }
}
