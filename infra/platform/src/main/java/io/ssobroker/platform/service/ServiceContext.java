package io.ssobroker.platform.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.config.EventBusSettings;
import io.ssobroker.platform.db.DatabaseSettings;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;

/**
 * What the launcher hands every service besides its own configuration record: how to reach the others over the event
 * bus, where PostgreSQL and Kafka are, the process environment (for secrets written as {@code ${env:NAME}}), the
 * meter registry that {@code /metrics} exports, and the clock that every expiry, lifetime and pause is measured by
 * (the system's; tests move their own).
 */
public record ServiceContext(
    EventBusSettings eventBus, DatabaseSettings database, String kafkaBootstrapServers, Map<String, String> environment,
    MeterRegistry meters, Clock clock) {

  /** A lookup in a fleet: the first attempt and two more, each to the next replica in turn. */
  private static final int FLEET_LOOKUP_ATTEMPTS = 3;

  public ServiceContext(EventBusSettings eventBus, DatabaseSettings database, String kafkaBootstrapServers) {
    this(eventBus, database, kafkaBootstrapServers, Map.of());
  }

  /** Without a metrics backend: meters are kept in memory and exported nowhere. */
  public ServiceContext(
      EventBusSettings eventBus, DatabaseSettings database, String kafkaBootstrapServers,
      Map<String, String> environment) {
    this(eventBus, database, kafkaBootstrapServers, environment, new SimpleMeterRegistry(), Clock.systemUTC());
  }

  public BusRequester busRequester(Vertx vertx) {
    return new BusRequester(vertx, eventBus.requestTimeout(), eventBus.fleet() ? FLEET_LOOKUP_ATTEMPTS : 1);
  }
}
