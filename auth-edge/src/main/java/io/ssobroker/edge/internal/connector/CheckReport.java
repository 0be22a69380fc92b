package io.ssobroker.edge.internal.connector;

import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * A connector's preflight report, as the admin API answers it: named checks that pass or fail with a message an
 * administrator can act on, what to register at the IdP, and an overall status.
 */
public final class CheckReport {

  private final JsonObject report;
  private final JsonArray checks = new JsonArray();

  public CheckReport(ConnectorDescriptor connector) {
    this.report = new JsonObject().put("connectorId", connector.id().toString()).put("checks", checks);
  }

  /** What the administrator registers at the IdP or reads about it: a redirect URI, an entity id, an expiry. */
  public CheckReport put(String name, String value) {
    report.put(name, value);
    return this;
  }

  public CheckReport check(String name, boolean passed, String message) {
    checks.add(new JsonObject().put("name", name).put("status", passed ? "pass" : "fail").put("message", message));
    return this;
  }

  public JsonObject toJson() {
    boolean passed = checks.stream().allMatch(c -> "pass".equals(((JsonObject) c).getString("status")));
    return report.copy().put("status", passed ? "pass" : "fail");
  }
}
