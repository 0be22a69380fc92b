package io.ssobroker.bench;

import io.ssobroker.edge.testidp.TestIdp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /admin/v1/api-keys/introspect}, the call a product's backend makes on each of its API requests, against
 * the all-in-one broker: one user signs in through a local IdP and creates 50 API keys; then introspections of those
 * keys (one in ten made up, so inactive) with a platform-admin token.
 *
 * <pre>java -jar bench/target/sso-bench.jar introspect [--rate 0|N] [--concurrency 64] [--duration 30]</pre>
 */
final class IntrospectionBenchmark {

  private static final int KEYS = 50;

  private final BenchSettings settings;
  private final Vertx vertx = BenchVertx.create();

  IntrospectionBenchmark(BenchSettings settings) {
    this.settings = settings;
  }

  void run() throws Exception {
    TestIdp idp = TestIdp.start(vertx, "/bench").client("bench-app", "bench-secret")
        .user("bench-subject", Map.of("email", LoginBenchmark.EMAIL, "name", "Bench User"));
    try (BenchBroker broker = BenchBroker.start(settings.jar(), idp,
        "{\"email\": \"" + LoginBenchmark.EMAIL + "\", \"name\": \"Bench User\", \"org\": \"bench\"}\n")) {
      BenchHttp http = new BenchHttp(vertx, Math.max(settings.concurrency(), 64) * 2);
      List<String> bodies = introspectionBodies(http, broker);
      String url = broker.adminBase() + "/admin/v1/api-keys/introspect";
      LoadRunner runner = new LoadRunner(vertx, "introspections", () -> {
        String body = bodies.get(ThreadLocalRandom.current().nextInt(bodies.size()));
        return http.send(HttpMethod.POST, url, null, body, "Authorization", "Bearer " + BenchBroker.ADMIN_TOKEN)
            .map(answer -> {
              answer.expect(200);
              return null;
            });
      });
      settings.measure(runner, broker, "introspection");
    } finally {
      idp.close();
    }
  }

  private static List<String> introspectionBodies(BenchHttp http, BenchBroker broker) {
    String session = LoginBenchmark.login(http, broker.publicBase()).await();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      JsonObject created = http.send(HttpMethod.POST, broker.publicBase() + "/api-keys", session,
          new JsonObject().put("name", "bench key " + i).encode()).await().expect(201).body().toJsonObject();
      bodies.add(new JsonObject().put("key", created.getString("key")).encode());
      if (i % 9 == 0) {
        bodies.add(new JsonObject().put("key", "ssok_" + "0".repeat(72)).encode());
      }
    }
    return bodies;
  }
}
