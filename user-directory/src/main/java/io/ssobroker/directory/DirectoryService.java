package io.ssobroker.directory;

import io.ssobroker.platform.config.DirectoryConfig;
import io.ssobroker.platform.service.BrokerService;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Deployable;

/** The user directory service: users and, later, their API keys. */
public final class DirectoryService implements BrokerService {

  private final DirectoryConfig config;

  public DirectoryService(DirectoryConfig config) {
    this.config = config;
  }

  @Override
  public ServiceName name() {
    return ServiceName.USER_DIRECTORY;
  }

  @Override
  public Deployable verticle(ServiceContext context) {
    return new DirectoryVerticle(context, config);
  }
}
