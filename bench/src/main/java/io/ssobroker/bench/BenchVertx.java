package io.ssobroker.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** The bench's Vert.x instances: on Linux's epoll where it loads, like the broker's, else NIO. */
final class BenchVertx {

  private BenchVertx() {}

  static Vertx create() {
    return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  }
}
