package io.ssobroker.audit;

import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** Audit events as the edge and the registry publish them, with the time and id a test chooses. */
final class TestEvents {

  private TestEvents() {}

  static JsonObject succeeded(String org, String email, Instant time) {
    return login(AuditEvent.builder(AuditEvent.LOGIN_SUCCEEDED), org, email, time)
        .put("userId", UUID.randomUUID().toString()).put("subject", "sub-" + email);
  }

  static JsonObject failed(String org, String email, LoginFailureCategory category, String reason, Instant time) {
    return login(AuditEvent.builder(AuditEvent.LOGIN_FAILED).failure(category, reason), org, email, time);
  }

  static JsonObject started(String org, String email, Instant time) {
    return login(AuditEvent.builder(AuditEvent.LOGIN_STARTED), org, email, time);
  }

  static JsonObject logout(String org, String email, Instant time) {
    return login(AuditEvent.builder(AuditEvent.LOGOUT), org, email, time).put("userId", UUID.randomUUID().toString());
  }

  static JsonObject admin(String type, String org, Instant time) {
    JsonObject details = new JsonObject()
        .put("actor", new JsonObject().put("tokenId", UUID.randomUUID().toString()).put("name", "platform")
            .put("type", "platform-admin"))
        .put("action", type.substring("admin.".length())).put("target", "org " + org)
        .put("before", null).put("after", new JsonObject().put("slug", org));
    return at(AuditEvent.builder(type).org(org).details(details).build().toJson(), time);
  }

  private static JsonObject login(AuditEvent.Builder builder, String org, String email, Instant time) {
    return at(builder.org(org).connector(UUID.randomUUID().toString(), "oidc").email(email)
        .client("203.0.113.9", "Mozilla/5.0 (test)").correlationId("corr-" + UUID.randomUUID())
        .build().toJson(), time);
  }

  private static JsonObject at(JsonObject event, Instant time) {
    return event.put("time", time.toString());
  }
}
