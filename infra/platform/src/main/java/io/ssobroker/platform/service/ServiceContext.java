package io.ssobroker.platform.service;

import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.platform.db.DatabaseSettings;
import io.vertx.core.Vertx;

/** What the launcher hands every service: the configuration and where PostgreSQL and Kafka are. */
public record ServiceContext(BrokerConfig config, DatabaseSettings database, String kafkaBootstrapServers) {

  public BusRequester busRequester(Vertx vertx) {
    return new BusRequester(vertx, config.eventBusTimeout());
  }
}
