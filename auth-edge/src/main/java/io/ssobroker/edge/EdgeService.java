package io.ssobroker.edge;

import io.ssobroker.platform.config.EdgeConfig;
import io.ssobroker.platform.service.BrokerService;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Deployable;

/** The public edge: pages, home realm discovery, protocols, state and sessions. */
public final class EdgeService implements BrokerService {

  private final EdgeConfig config;

  public EdgeService(EdgeConfig config) {
    this.config = config;
  }

  @Override
  public ServiceName name() {
    return ServiceName.AUTH_EDGE;
  }

  @Override
  public Deployable verticle(ServiceContext context) {
    return new EdgeVerticle(context, config);
  }
}
