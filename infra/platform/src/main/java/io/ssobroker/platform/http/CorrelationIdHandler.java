package io.ssobroker.platform.http;

import io.ssobroker.platform.log.CorrelationId;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/** First handler of every router: gives the request a correlation id and echoes it in the response. */
public final class CorrelationIdHandler implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext routing) {
    String id = CorrelationId.acceptOrCreate(routing.request().getHeader(CorrelationId.HEADER));
    CorrelationId.set(Vertx.currentContext(), id);
    routing.response().putHeader(CorrelationId.HEADER, id);
    routing.next();
  }
}
