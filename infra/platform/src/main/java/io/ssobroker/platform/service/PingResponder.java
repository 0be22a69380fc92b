package io.ssobroker.platform.service;

import io.ssobroker.platform.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/** Answers readiness pings for a service; registered last in a service's start, so an answer means "started". */
public final class PingResponder {

  private PingResponder() {}

  /**
   * On the service's ping address, which any process of the fleet may answer, and on its local one, which only this
   * process answers: a process's readiness asks the local one for its own services, so that a dead replica elsewhere
   * does not make this one look unready.
   */
  public static Future<MessageConsumer<JsonObject>> register(Vertx vertx, ServiceName service) {
    vertx.eventBus().<JsonObject>localConsumer(service.localPingAddress(),
        ping -> ping.reply(new JsonObject().put("service", service.id()).put("status", "UP")));
    return BusEndpoint.serveWhenRegistered(vertx, service.pingAddress(),
        ping -> Future.succeededFuture(new JsonObject().put("service", service.id()).put("status", "UP")));
  }
}
