package io.ssobroker.registry.admin;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.audit.AuditEvent;
import io.vertx.core.json.JsonObject;

/** {@code admin.*} audit events: who changed what, with the resource before and after (never a secret). */
final class AdminAuditEvents {

  private AdminAuditEvents() {}

  static AuditEvent change(String type, AdminActor actor, String org, String target, JsonObject before,
      JsonObject after) {
    JsonObject details = new JsonObject()
        .put("actor", actor.toJson())
        .put("action", type.substring("admin.".length()))
        .put("target", target)
        .put("before", before)
        .put("after", after);
    return AuditEvent.builder(type).org(org).details(details).build();
  }
}
