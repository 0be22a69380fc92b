package io.ssobroker.platform.service;

import io.ssobroker.platform.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/** Answers readiness pings for a service; registered last in a service's start, so an answer means "started". */
public final class PingResponder {

  private PingResponder() {}

  public static Future<MessageConsumer<JsonObject>> register(Vertx vertx, ServiceName service) {
    return BusEndpoint.serveWhenRegistered(vertx, service.pingAddress(),
        ping -> Future.succeededFuture(new JsonObject().put("service", service.id()).put("status", "UP")));
  }
}
