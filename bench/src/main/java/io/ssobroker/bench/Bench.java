package io.ssobroker.bench;

/**
 * The benchmarks of docs/performance.md:
 *
 * <pre>
 * java -jar bench/target/sso-bench.jar [login] [options]     complete logins
 * java -jar bench/target/sso-bench.jar introspect [options]  API-key introspections
 * java -jar bench/target/sso-bench.jar product [options]     complete product sign-ins (authorize, IdP, code, token)
 * java -jar bench/target/sso-bench.jar product-sso [options] a second product's sign-in with a broker session
 * java -jar bench/target/sso-bench.jar refresh [options]     refresh grants, rotating
 * java -jar bench/target/sso-bench.jar product-introspect [options]  introspections with a product's credentials
 * options: --rate 0|N  --concurrency 64  --duration 30  --warmup 10  --jar infra/app/target/sso-broker.jar
 *          --alg ES256|RS256 (product benchmarks: how ID tokens are signed)
 * </pre>
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 && !args[0].startsWith("--") ? args[0] : "login";
    BenchSettings settings = BenchSettings.parse(args, which.equals(args.length > 0 ? args[0] : "") ? 1 : 0);
    switch (which) {
      case "login" -> new LoginBenchmark(settings).run();
      case "introspect" -> new IntrospectionBenchmark(settings).run();
      case "product" -> new ProductLoginBenchmark(settings, ProductLoginBenchmark.Mode.SIGN_IN).run();
      case "product-sso" -> new ProductLoginBenchmark(settings, ProductLoginBenchmark.Mode.SECOND_PRODUCT).run();
      case "refresh" -> new ProductLoginBenchmark(settings, ProductLoginBenchmark.Mode.REFRESH).run();
      case "product-introspect" -> new ProductLoginBenchmark(settings, ProductLoginBenchmark.Mode.INTROSPECT).run();
      default -> throw new IllegalArgumentException("unknown benchmark " + which
          + " (login, introspect, product, product-sso, refresh or product-introspect)");
    }
    System.exit(0);
  }
}
