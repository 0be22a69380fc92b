package io.ssobroker.platform.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** An org as the edge needs it: its name, where its users land, and which origins it accepts in {@code return_to}. */
public record OrgSummary(String slug, String name, Optional<String> landingUrl, List<String> allowedReturnOrigins) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("slug", slug).put("name", name)
        .put("allowedReturnOrigins", new JsonArray(allowedReturnOrigins));
    landingUrl.ifPresent(url -> json.put("landingUrl", url));
    return json;
  }

  public static OrgSummary fromJson(JsonObject json) {
    return new OrgSummary(json.getString("slug"), json.getString("name"), Optional.ofNullable(json.getString("landingUrl")),
        json.getJsonArray("allowedReturnOrigins", new JsonArray()).stream().map(String::valueOf).toList());
  }
}
