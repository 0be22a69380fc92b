package io.ssobroker.edge.internal.web;

import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.platform.log.CorrelationId;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Who sent a request of the public port, as its audit events name them. */
public final class Callers {

  private static final int MAX_USER_AGENT = 512;

  private Callers() {}

  public static ClientInfo of(RoutingContext routing) {
    String userAgent = routing.request().getHeader(HttpHeaders.USER_AGENT);
    if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
      userAgent = userAgent.substring(0, MAX_USER_AGENT);
    }
    return new ClientInfo(routing.request().remoteAddress().hostAddress(), userAgent,
        CorrelationId.current().orElse(null));
  }
}
