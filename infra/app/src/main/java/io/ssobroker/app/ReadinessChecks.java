package io.ssobroker.app;

import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
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

  private final Vertx vertx;
  private final Duration timeout;
  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();

  ReadinessChecks(Vertx vertx, Pool database, Admin kafka, Set<ServiceName> services, Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
    checks.put("postgresql", () -> database.query("select 1").execute());
    checks.put("kafka", () -> Future.fromCompletionStage(kafka.describeCluster(
        new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId().toCompletionStage()));
    for (ServiceName service : services) {
      checks.put(service.id(), () -> vertx.eventBus().request(service.pingAddress(), new JsonObject(),
          new DeliveryOptions().setSendTimeout(timeout.toMillis())));
    }
  }

  /** {@code {"status": "UP"|"DOWN", "checks": [{"name", "status", "error"?}]}} */
  Future<JsonObject> run() {
    List<Future<JsonObject>> results = new ArrayList<>();
    checks.forEach((name, check) -> results.add(outcome(name, check)));
    return Future.join(results).transform(done -> {
      JsonArray details = new JsonArray();
      boolean up = true;
      for (Future<JsonObject> result : results) {
        details.add(result.result());
        up &= "UP".equals(result.result().getString("status"));
      }
      return Future.succeededFuture(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", details));
    });
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
