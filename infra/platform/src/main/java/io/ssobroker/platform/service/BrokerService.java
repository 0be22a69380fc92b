package io.ssobroker.platform.service;

import io.vertx.core.Deployable;

/** One of the four services, as the launcher sees it: a name and the verticle that runs it. */
public interface BrokerService {

  ServiceName name();

  Deployable verticle(ServiceContext context);
}
