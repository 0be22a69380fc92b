package io.ssobroker.audit;

import io.ssobroker.platform.config.AuditConfig;
import io.ssobroker.platform.service.BrokerService;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Deployable;

/** The audit log service: the audit topic, its store and query API. */
public final class AuditService implements BrokerService {

  private final AuditConfig config;

  public AuditService(AuditConfig config) {
    this.config = config;
  }

  @Override
  public ServiceName name() {
    return ServiceName.AUDIT_LOG;
  }

  @Override
  public Deployable verticle(ServiceContext context) {
    return new AuditVerticle(context, config);
  }
}
