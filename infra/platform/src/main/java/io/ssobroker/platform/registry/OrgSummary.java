package io.ssobroker.platform.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * An org as the edge needs it: its name, where its users land, which origins it accepts in {@code return_to}, and how
 * its hosted pages look.
 */
public record OrgSummary(String slug, String name, Optional<String> landingUrl, List<String> allowedReturnOrigins,
    OrgBranding branding) {

  /** The name the org's pages show: its brand's display name, else its name. */
  public String shownName() {
    return branding.displayName().orElse(name);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("slug", slug).put("name", name)
        .put("allowedReturnOrigins", new JsonArray(allowedReturnOrigins));
    landingUrl.ifPresent(url -> json.put("landingUrl", url));
    if (!branding.isEmpty()) {
      json.put("branding", branding.toJson());
    }
    return json;
  }

  public static OrgSummary fromJson(JsonObject json) {
    return new OrgSummary(json.getString("slug"), json.getString("name"), Optional.ofNullable(json.getString("landingUrl")),
        json.getJsonArray("allowedReturnOrigins", new JsonArray()).stream().map(String::valueOf).toList(),
        OrgBranding.fromJson(json.getJsonObject("branding")));
  }
}
