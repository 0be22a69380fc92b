package io.ssobroker.audit.query;

import io.ssobroker.audit.store.AuditPage;
import io.ssobroker.audit.store.AuditRepository;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/** {@code GET /admin/v1/audit} as the gateway forwards it: {@link AdminContract#QUERY_AUDIT}. */
public final class AuditQueryEndpoint {

  private AuditQueryEndpoint() {}

  public static Future<MessageConsumer<JsonObject>> serve(Vertx vertx, AuditRepository repository) {
    return BusEndpoint.serveWhenRegistered(vertx, AdminContract.QUERY_AUDIT, json -> {
      AdminRequest request = AdminRequest.fromJson(AdminContract.QUERY_AUDIT, json);
      return repository.query(AuditQueryRequest.parse(request.actor(), request.params())).map(AuditPage::toJson);
    });
  }
}
