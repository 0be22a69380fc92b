package io.ssobroker.app;

import io.ssobroker.platform.config.CommandLine;
import io.ssobroker.platform.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar sso-broker.jar [--config FILE] [--flag value ...]}: starts the broker and keeps it running until
 * SIGTERM or Ctrl-C. Exit codes: 0 after a stop on SIGTERM or Ctrl-C, 2 for a bad configuration, 1 for any other
 * startup failure or a stop forced by a second signal.
 */
public final class Main {

  static final int EXIT_BAD_CONFIGURATION = 2;
  static final int EXIT_STARTUP_FAILED = 1;

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Broker broker = new Broker();
    StopSignals.install(broker::close);
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "sso-shutdown"));
    try {
      broker.start(CommandLine.parse(args), System.getenv());
    } catch (ConfigException badConfiguration) {
      LOG.error(badConfiguration.getMessage());
      System.exit(EXIT_BAD_CONFIGURATION);
    } catch (Exception failure) {
      LOG.error("startup failed: {}", failure.getMessage(), failure);
      System.exit(EXIT_STARTUP_FAILED);
    }
  }
}
