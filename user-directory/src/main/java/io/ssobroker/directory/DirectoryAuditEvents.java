package io.ssobroker.directory;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.log.CorrelationId;
import io.vertx.core.json.JsonObject;

/** The directory's audit events: {@code admin.user.*} changes and {@code api_key.*} events. Never a key. */
final class DirectoryAuditEvents {

  static final String API_KEY_CREATED = "api_key.created";
  static final String API_KEY_REVOKED = "api_key.revoked";

  private DirectoryAuditEvents() {}

  static AuditEvent adminChange(String type, AdminActor actor, String org, String target, JsonObject before,
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

  /** An API key created or revoked; {@code reason} says why a key was revoked, {@code client} who asked. */
  static AuditEvent apiKey(String type, String reason, ApiKeyOwner owner, JsonObject key, ClientInfo client) {
    return AuditEvent.builder(type)
        .org(owner.org())
        .email(owner.email())
        .userId(owner.userId().toString())
        .client(client.ip(), client.userAgent())
        .correlationId(CorrelationId.current().orElse(null))
        .details(new JsonObject().put("apiKey", key).put("reason", reason))
        .build();
  }
}
