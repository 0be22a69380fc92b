package io.ssobroker.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs one operation over and over and measures it: either as fast as it goes with a fixed number of concurrent
 * callers (closed loop), or at a fixed rate, measuring each call from the moment it was due, so that a slow answer
 * cannot hide queueing (no coordinated omission).
 */
final class LoadRunner {

  private static final int MAX_SECONDS = 24 * 3600;
  private static final long SLOW_MICROS = 50_000;
  private static final int THROUGHPUT_INTERVAL_SECONDS = 30;

  /** What a run measured; latencies in microseconds. */
  record Result(long completed, long failed, Instant began, Duration elapsed, Histogram latencies) {}

  private final Vertx vertx;
  private final String unit;
  private final Supplier<Future<Void>> operation;
  private final Recorder latencies = new Recorder(3);
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong failuresShown = new AtomicLong();
  private final AtomicLongArray slowestPerSecond = new AtomicLongArray(MAX_SECONDS);
  private final AtomicLongArray completedPerSecond = new AtomicLongArray(MAX_SECONDS);
  private volatile long phaseStartNanos = System.nanoTime();
  /** Whether the report lists the seconds of the run that had a slow call: only at a fixed rate, where it tells. */
  private volatile boolean timeline;

  LoadRunner(Vertx vertx, String unit, Supplier<Future<Void>> operation) {
    this.vertx = vertx;
    this.unit = unit;
    this.operation = operation;
  }

  Result closedLoop(int concurrency, int seconds) throws InterruptedException {
    reset();
    timeline = false;
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(concurrency);
    Instant began = Instant.now();
    for (int i = 0; i < concurrency; i++) {
      vertx.runOnContext(start -> callerLoop(running, done));
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    done.await(30, TimeUnit.SECONDS);
    return result(began);
  }

  Result openLoop(int rate, int seconds) throws InterruptedException {
    reset();
    timeline = true;
    long intervalNanos = 1_000_000_000L / rate;
    long total = (long) rate * seconds;
    CountDownLatch done = new CountDownLatch((int) total);
    long start = System.nanoTime();
    Instant began = Instant.now();
    AtomicLong scheduled = new AtomicLong();
    vertx.setPeriodic(1, tick -> {
      long due = (System.nanoTime() - start) / intervalNanos;
      while (scheduled.get() < Math.min(due, total)) {
        long intended = start + scheduled.getAndIncrement() * intervalNanos;
        operation.get().onComplete(result -> {
          record(result.succeeded(), intended, result.cause());
          done.countDown();
        });
      }
      if (scheduled.get() >= total) {
        vertx.cancelTimer(tick);
      }
    });
    done.await(seconds + 60L, TimeUnit.SECONDS);
    return result(began);
  }

  void report(String phase, Result result) {
    double seconds = result.elapsed().toMillis() / 1000.0;
    Histogram histogram = result.latencies();
    System.out.printf("%s: %d %s in %.1f s = %.0f %s/s, %d failed; latency ms p50 %.2f, p90 %.2f, p99 %.2f, "
            + "p99.9 %.2f, max %.2f%n", phase, result.completed(), unit, seconds, result.completed() / seconds, unit,
        result.failed(), histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
        histogram.getMaxValue() / 1000.0);
    StringBuilder slowSeconds = new StringBuilder();
    for (int second = 0; second < Math.min(MAX_SECONDS, (int) seconds + 60); second++) {
      long slowest = slowestPerSecond.get(second);
      if (slowest > SLOW_MICROS) {
        slowSeconds.append(String.format(" %d (%.0f ms)", second, slowest / 1000.0));
      }
    }
    if (timeline && !slowSeconds.isEmpty()) {
      System.out.println("  seconds into the run (began " + result.began() + ") with a call over "
          + SLOW_MICROS / 1000 + " ms (slowest):" + slowSeconds);
    }
    if (!timeline && seconds >= 2 * THROUGHPUT_INTERVAL_SECONDS) {
      System.out.println("  " + unit + "/s in each " + THROUGHPUT_INTERVAL_SECONDS + " s of the run:"
          + throughputByInterval((int) seconds));
    }
  }

  /** How the rate of a closed loop moved during the run: a drift (tables growing, the machine slowing) shows here. */
  private String throughputByInterval(int seconds) {
    StringBuilder rates = new StringBuilder();
    for (int from = 0; from + THROUGHPUT_INTERVAL_SECONDS <= seconds; from += THROUGHPUT_INTERVAL_SECONDS) {
      long completedInInterval = 0;
      for (int second = from; second < from + THROUGHPUT_INTERVAL_SECONDS; second++) {
        completedInInterval += completedPerSecond.get(second);
      }
      rates.append(' ').append(completedInInterval / THROUGHPUT_INTERVAL_SECONDS);
    }
    return rates.toString();
  }

  private void callerLoop(AtomicBoolean running, CountDownLatch done) {
    if (!running.get()) {
      done.countDown();
      return;
    }
    long began = System.nanoTime();
    operation.get().onComplete(result -> {
      record(result.succeeded(), began, result.cause());
      callerLoop(running, done);
    });
  }

  private void record(boolean succeeded, long beganNanos, Throwable failure) {
    if (succeeded) {
      completed.incrementAndGet();
      long micros = Math.max(1, (System.nanoTime() - beganNanos) / 1_000);
      latencies.recordValue(micros);
      slowestPerSecond.accumulateAndGet(secondOfRun(beganNanos), micros, Math::max);
      completedPerSecond.incrementAndGet(secondOfRun(System.nanoTime()));
    } else {
      failed.incrementAndGet();
      if (failuresShown.getAndIncrement() < 3) {
        System.err.println(unit + ": a call failed: " + failure);
      }
    }
  }

  private int secondOfRun(long nanos) {
    return (int) Math.min(MAX_SECONDS - 1, Math.max(0, (nanos - phaseStartNanos) / 1_000_000_000L));
  }

  private void reset() {
    phaseStartNanos = System.nanoTime();
    for (int second = 0; second < MAX_SECONDS; second++) {
      slowestPerSecond.set(second, 0);
      completedPerSecond.set(second, 0);
    }
    completed.set(0);
    failed.set(0);
    latencies.getIntervalHistogram();
  }

  private Result result(Instant began) {
    return new Result(completed.get(), failed.get(), began, Duration.between(began, Instant.now()),
        latencies.getIntervalHistogram());
  }
}
