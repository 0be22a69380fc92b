package io.ssobroker.directory;

import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.log.CorrelationId;
import io.vertx.core.json.JsonObject;

/** The directory's {@code api_key.*} audit events (its admin changes are {@code AdminChangeEvents}). Never a key. */
final class DirectoryAuditEvents {

  static final String API_KEY_CREATED = "api_key.created";
  static final String API_KEY_REVOKED = "api_key.revoked";

  private DirectoryAuditEvents() {}

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
