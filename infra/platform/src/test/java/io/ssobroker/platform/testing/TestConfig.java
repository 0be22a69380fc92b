package io.ssobroker.platform.testing;

import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.platform.config.CommandLine;
import io.ssobroker.platform.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.util.Map;

/** A configuration built the way the launcher builds it, from command-line flags. */
public final class TestConfig {

  private TestConfig() {}

  public static BrokerConfig fromFlags(Vertx vertx, String... flags) {
    return Await.result(ConfigLoader.load(vertx, CommandLine.parse(flags), Map.of()));
  }
}
