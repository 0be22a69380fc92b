package io.ssobroker.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The options every benchmark takes, and the measurement they describe: a warm-up, then the measured run. */
record BenchSettings(int rate, int concurrency, int durationSeconds, int warmupSeconds, Path jar) {

  static BenchSettings parse(String[] args, int from) {
    Map<String, String> values = new HashMap<>(Map.of("--rate", "0", "--concurrency", "64",
        "--duration", "30", "--warmup", "10", "--jar", "infra/app/target/sso-broker.jar"));
    for (int i = from; i < args.length; i += 2) {
      if (!values.containsKey(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
      }
      values.put(args[i], args[i + 1]);
    }
    return new BenchSettings(Integer.parseInt(values.get("--rate")), Integer.parseInt(values.get("--concurrency")),
        Integer.parseInt(values.get("--duration")), Integer.parseInt(values.get("--warmup")),
        Path.of(values.get("--jar")));
  }

  /** Warms up with the closed loop, then measures at the fixed rate, or with the closed loop when the rate is 0. */
  void measure(LoadRunner runner) throws InterruptedException {
    runner.report("warm-up", runner.closedLoop(concurrency, warmupSeconds));
    if (rate > 0) {
      runner.report("fixed rate " + rate + "/s", runner.openLoop(rate, durationSeconds));
    } else {
      runner.report("closed loop, " + concurrency + " concurrent callers", runner.closedLoop(concurrency,
          durationSeconds));
    }
  }
}
