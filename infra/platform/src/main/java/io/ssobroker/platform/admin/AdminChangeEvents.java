package io.ssobroker.platform.admin;

import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.log.CorrelationId;
import io.vertx.core.json.JsonObject;

/** {@code admin.*} audit events: who changed what, with the resource before and after (never a secret). */
public final class AdminChangeEvents {

  private AdminChangeEvents() {}

  public static AuditEvent change(String type, AdminActor actor, String org, String target, JsonObject before,
      JsonObject after) {
    JsonObject details = new JsonObject()
        .put("actor", actor.toJson())
        .put("action", type.substring("admin.".length()))
        .put("target", target)
        .put("before", before)
        .put("after", after);
    return AuditEvent.builder(type).org(org).correlationId(CorrelationId.current().orElse(null)).details(details)
        .build();
  }
}
