package io.ssobroker.platform.service;

import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.platform.db.DatabaseSettings;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * What the launcher hands every service: the configuration, where PostgreSQL and Kafka are, and the process
 * environment (for secrets written as {@code ${env:NAME}}).
 */
public record ServiceContext(
    BrokerConfig config, DatabaseSettings database, String kafkaBootstrapServers, Map<String, String> environment) {

  public ServiceContext(BrokerConfig config, DatabaseSettings database, String kafkaBootstrapServers) {
    this(config, database, kafkaBootstrapServers, Map.of());
  }

  public BusRequester busRequester(Vertx vertx) {
    return new BusRequester(vertx, config.eventBusTimeout());
  }
}
