package io.ssobroker.audit.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** Events as they were published, newest first, and the cursor of the next page when there is one. */
public record AuditPage(List<JsonObject> items, Optional<PageCursor> next) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("items", new JsonArray(List.copyOf(items)))
        .put("next", next.map(PageCursor::encode).orElse(null));
  }
}
