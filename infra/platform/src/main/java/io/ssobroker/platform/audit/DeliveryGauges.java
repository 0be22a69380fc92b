package io.ssobroker.platform.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far behind audit delivery to Kafka is, for one service: {@code sso_audit_undelivered_events{outbox}} (events
 * stored but not yet acknowledged by Kafka) and {@code sso_audit_delivery_lag_seconds{outbox}} (age of the oldest of
 * them, 0 when none wait), for its PostgreSQL outbox and, at the edge, its local spool. Sampled every few seconds;
 * a failed sample keeps the last values.
 */
public final class DeliveryGauges {

  static final String UNDELIVERED = "sso.audit.undelivered.events";
  static final String LAG = "sso.audit.delivery.lag";
  private static final Duration SAMPLE_PERIOD = Duration.ofSeconds(5);
  private static final String SAMPLE = "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) "
      + "from %s";

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final List<Gauge> gauges = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();

  public DeliveryGauges(Vertx vertx, MeterRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  /** {@code qualifiedTable}: an outbox table as given to {@link OutboxRelay}. */
  public DeliveryGauges outbox(Pool pool, String qualifiedTable) {
    String sample = SAMPLE.formatted(AuditOutbox.requireTableName(qualifiedTable));
    AtomicLong undelivered = new AtomicLong();
    AtomicLong lagMillis = new AtomicLong();
    register(qualifiedTable, undelivered, lagMillis);
    Runnable measure = () -> pool.query(sample).execute().onSuccess(rows -> {
      Row row = rows.iterator().next();
      undelivered.set(row.getLong(0));
      lagMillis.set(Math.round(row.getNumeric(1).doubleValue() * 1000));
    });
    measure.run();
    timers.add(vertx.setPeriodic(SAMPLE_PERIOD.toMillis(), tick -> measure.run()));
    return this;
  }

  /** The spool counts its events in memory; its lag is not tracked (events wait there only while PostgreSQL is down). */
  public DeliveryGauges spool(String name, AuditSpool spool) {
    gauges.add(Gauge.builder(UNDELIVERED, spool, AuditSpool::pending)
        .description("Audit events stored durably and not yet acknowledged by Kafka")
        .tag("outbox", "spool:" + name).strongReference(true).register(registry));
    return this;
  }

  public void close() {
    timers.forEach(vertx::cancelTimer);
    gauges.forEach(registry::remove);
  }

  private void register(String outbox, AtomicLong undelivered, AtomicLong lagMillis) {
    gauges.add(Gauge.builder(UNDELIVERED, undelivered, AtomicLong::get)
        .description("Audit events stored durably and not yet acknowledged by Kafka")
        .tag("outbox", outbox).strongReference(true).register(registry));
    gauges.add(Gauge.builder(LAG, lagMillis, millis -> millis.get() / 1000.0).baseUnit("seconds")
        .description("Age of the oldest audit event not yet acknowledged by Kafka; 0 when none wait")
        .tag("outbox", outbox).strongReference(true).register(registry));
  }
}
