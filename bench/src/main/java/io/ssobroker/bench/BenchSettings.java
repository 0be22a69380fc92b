package io.ssobroker.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The options every benchmark takes, and the measurement they describe: a warm-up, then the measured run. */
/**
 * {@code algorithm}: how the product benchmark's clients have their ID tokens signed (ES256, the default, or RS256).
 */
record BenchSettings(int rate, int concurrency, int durationSeconds, int warmupSeconds, Path jar, String algorithm) {

  private static final int RATE_WARMUP_SECONDS = 20;

  static BenchSettings parse(String[] args, int from) {
    Map<String, String> values = new HashMap<>(Map.of("--rate", "0", "--concurrency", "64",
        "--duration", "30", "--warmup", "10", "--jar", "infra/app/target/sso-broker.jar", "--alg", "ES256"));
    for (int i = from; i < args.length; i += 2) {
      if (!values.containsKey(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
      }
      values.put(args[i], args[i + 1]);
    }
    return new BenchSettings(Integer.parseInt(values.get("--rate")), Integer.parseInt(values.get("--concurrency")),
        Integer.parseInt(values.get("--duration")), Integer.parseInt(values.get("--warmup")),
        Path.of(values.get("--jar")), values.get("--alg"));
  }

  /**
   * Warms up with the closed loop, then measures at the fixed rate (after 20 s more at that rate), or with the closed
   * loop when the rate is 0.
   */
  void measure(LoadRunner runner, BenchBroker broker, String unit) throws InterruptedException {
    runner.report("warm-up", runner.closedLoop(concurrency, warmupSeconds));
    if (rate > 0) {
      // The saturated warm-up leaves work behind (audit events to store, tables to vacuum) that a steady rate would
      // not have, and the fixed-rate path of this load generator is not compiled yet: both are done before the
      // measurement begins, in an unmeasured run at the same rate.
      runner.openLoop(rate, RATE_WARMUP_SECONDS);
    }
    CpuUse before = broker.cpu();
    LoadRunner.Result measured = rate > 0 ? runner.openLoop(rate, durationSeconds)
        : runner.closedLoop(concurrency, durationSeconds);
    CpuUse after = broker.cpu();
    runner.report(rate > 0 ? "fixed rate " + rate + "/s" : "closed loop, " + concurrency + " concurrent callers",
        measured);
    CpuUse.report(before, after, measured.completed(), unit);
  }
}
