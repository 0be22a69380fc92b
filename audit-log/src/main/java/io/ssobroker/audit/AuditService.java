package io.ssobroker.audit;

import io.ssobroker.platform.service.BrokerService;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Deployable;

/** The audit log service: the audit topic, its store and query API. */
public final class AuditService implements BrokerService {

  @Override
  public ServiceName name() {
    return ServiceName.AUDIT_LOG;
  }

  @Override
  public Deployable verticle(ServiceContext context) {
    return new AuditVerticle(context);
  }
}
