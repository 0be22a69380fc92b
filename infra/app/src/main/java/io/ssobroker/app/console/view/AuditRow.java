package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * One audit event as the console lists it, with every field for its details and, for a failed login, the hint the
 * user was shown.
 */
public record AuditRow(String id, String time, String type, String org, String category, String reason,
    String email, String details, Optional<String> hint) {

  public static AuditRow of(JsonObject event, Optional<String> hint) {
    return new AuditRow(event.getString("id", ""), event.getString("time", ""), event.getString("type", ""),
        text(event, "org"), text(event, "category"), text(event, "reason"), text(event, "email"),
        event.encodePrettily(), hint);
  }

  private static String text(JsonObject event, String name) {
    Object value = event.getValue(name);
    return value == null ? "" : String.valueOf(value);
  }
}
