package io.ssobroker.registry;

import io.ssobroker.platform.config.RegistryConfig;
import io.ssobroker.platform.service.BrokerService;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Deployable;

/** The connector registry service: orgs, connectors and domains. */
public final class RegistryService implements BrokerService {

  private final RegistryConfig config;

  public RegistryService(RegistryConfig config) {
    this.config = config;
  }

  @Override
  public ServiceName name() {
    return ServiceName.CONNECTOR_REGISTRY;
  }

  @Override
  public Deployable verticle(ServiceContext context) {
    return new RegistryVerticle(context, config);
  }
}
