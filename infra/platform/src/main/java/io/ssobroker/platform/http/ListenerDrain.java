package io.ssobroker.platform.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How a port stops: it takes no new connections at once, lets the requests in flight finish (a login callback may be
 * waiting for the IdP, bounded by {@code idp.timeout}), and closes what is still open after the grace period.
 */
public final class ListenerDrain {

  public static final Duration GRACE = Duration.ofSeconds(10);

  private ListenerDrain() {}

  public static Future<Void> drain(HttpServer server) {
    return server == null ? Future.succeededFuture() : server.shutdown(GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }
}
