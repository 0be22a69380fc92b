package io.ssobroker.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far by the processes of a run, as /proc counts it (through {@link ProcessHandle}): the broker's
 * JVM, its embedded PostgreSQL (every process of its data directory's server: pg_ctl detaches it from the JVM, so it
 * is found by its postmaster's command line and that one's children), and this process (the load and the local IdP).
 * On a shared, varying machine, CPU per operation compares runs where rates do not.
 */
record CpuUse(Duration broker, Duration postgres, Duration bench) {

  static CpuUse of(ProcessHandle broker, Path dataDirectory) {
    String directory = dataDirectory.toAbsolutePath().normalize().toString();
    Duration postgres = ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().map(line -> line.contains("postgres")
            && line.contains(directory)).orElse(false))
        .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
        .map(CpuUse::cpu).reduce(Duration.ZERO, Duration::plus);
    return new CpuUse(cpu(broker), postgres, cpu(ProcessHandle.current()));
  }

  /** Prints the CPU per operation between two readings. */
  static void report(CpuUse before, CpuUse after, long operations, String unit) {
    if (operations == 0) {
      return;
    }
    System.out.printf("  CPU per %s (ms): broker %.3f, PostgreSQL %.3f, broker + PostgreSQL %.3f, load and IdP %.3f%n",
        unit, perOperation(before.broker, after.broker, operations), perOperation(before.postgres, after.postgres,
            operations), perOperation(before.broker.plus(before.postgres), after.broker.plus(after.postgres),
            operations), perOperation(before.bench, after.bench, operations));
  }

  private static double perOperation(Duration before, Duration after, long operations) {
    return after.minus(before).toNanos() / 1e6 / operations;
  }

  private static Duration cpu(ProcessHandle process) {
    Optional<Duration> total = process.info().totalCpuDuration();
    return total.orElse(Duration.ZERO);
  }
}
