package io.ssobroker.bench;

import io.ssobroker.edge.testidp.SigningKey;
import io.ssobroker.edge.testidp.TestIdp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Complete logins against the all-in-one broker, with a local OpenID Provider in this process:
 * {@code GET /login?email} -> the IdP's authorization endpoint -> {@code GET /login/callback} (code exchange, ID
 * token, directory, session) -> {@code GET /session}.
 *
 * <pre>java -jar bench/target/sso-bench.jar login [--rate 0|N] [--concurrency 64] [--duration 30] [--warmup 10]</pre>
 */
final class LoginBenchmark {

  static final String EMAIL = "user@bench.example.com";

  private final BenchSettings settings;
  private final Vertx vertx = BenchVertx.create();
  private final Vertx idpVertx = BenchVertx.create();

  LoginBenchmark(BenchSettings settings) {
    this.settings = settings;
  }

  void run() throws Exception {
    NativeSigning.install();
    TestIdp idp = TestIdp.start(idpVertx, "/bench").historyLimit(100).client("bench-app", "bench-secret")
        .user("bench-subject", Map.of("email", EMAIL, "name", "Bench User"));
    idp.rotateKey(SigningKey.rsa("bench-rs256"));
    try (BenchBroker broker = BenchBroker.start(settings.jar(), idp,
        "{\"email\": \"" + EMAIL + "\", \"name\": \"Bench User\", \"org\": \"bench\"}\n")) {
      BenchHttp http = new BenchHttp(vertx, Math.max(settings.concurrency(), 64) * 2);
      LoadRunner runner = new LoadRunner(vertx, "logins", () -> login(http, broker.publicBase()).mapEmpty());
      settings.measure(runner, broker, "login");
    } finally {
      idp.close();
      idpVertx.close();
    }
  }

  /** One browser's complete login; fails on any unexpected answer. */
  static Future<String> login(BenchHttp http, String base) {
    return http.get(base + "/login?email=" + EMAIL, null).compose(start -> {
      start.expect(302);
      String browserCookie = start.cookie("sso_browser");
      return http.get(start.header("Location"), null).compose(idpAnswer ->
          http.get(idpAnswer.expect(302).header("Location"), "sso_browser=" + browserCookie));
    }).compose(callback -> {
      String session = "sso_session=" + callback.expect(302).cookie("sso_session");
      return http.get(base + "/session", session).map(answer -> {
        answer.expect(200);
        return session;
      });
    });
  }
}
