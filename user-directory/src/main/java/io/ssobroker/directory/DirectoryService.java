package io.ssobroker.directory;

import io.ssobroker.platform.service.BrokerService;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Deployable;

/** The user directory service: users and, later, their API keys. */
public final class DirectoryService implements BrokerService {

  @Override
  public ServiceName name() {
    return ServiceName.USER_DIRECTORY;
  }

  @Override
  public Deployable verticle(ServiceContext context) {
    return new DirectoryVerticle(context);
  }
}
