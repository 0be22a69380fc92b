package io.ssobroker.registry;

import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.log.CorrelationId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * What applying a declaration file (connectors, clients) changes in the database: what it adds, changes and removes,
 * each named without secrets. One application that changes anything is one {@code admin.<kind>_file.applied} event.
 */
public record FileDifference(List<JsonObject> added, List<JsonObject> changed, List<JsonObject> removed) {

  private static final String FILE_ACTOR_TYPE = "configuration-file";

  public boolean none() {
    return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
  }

  /** @param resource {@code connectors_file} or {@code clients_file} */
  public AuditEvent appliedEvent(String resource, Path file) {
    return AuditEvent.builder("admin." + resource + ".applied")
        .correlationId(CorrelationId.current().orElse(null))
        .details(new JsonObject()
            .put("actor", new JsonObject().put("type", FILE_ACTOR_TYPE).put("name", file.toString()))
            .put("action", resource + ".applied")
            .put("target", file.toString())
            .put("before", (Object) null)
            .put("after", (Object) null)
            .put("added", new JsonArray(added))
            .put("changed", new JsonArray(changed))
            .put("removed", new JsonArray(removed)))
        .build();
  }
}
