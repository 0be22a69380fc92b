package io.ssobroker.registry.orgs;

import io.ssobroker.platform.registry.OrgBranding;
import io.ssobroker.platform.registry.OrgSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** An org as stored. */
public record Org(String slug, OrgFields fields, Instant createdAt, Instant updatedAt) {

  /** As the admin API answers it and audit events record it. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("slug", slug)
        .put("name", fields.name())
        .put("landingUrl", fields.landingUrl().orElse(null))
        .put("allowedReturnOrigins", new JsonArray(List.copyOf(fields.allowedReturnOrigins())))
        .put("branding", fields.branding().toJson())
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }

  /** As the login path sees it. */
  public OrgSummary summary() {
    return new OrgSummary(slug, fields.name(), fields.landingUrl(), fields.allowedReturnOrigins(), fields.branding());
  }

  static Org of(String slug, String name, String landingUrl, String[] allowedReturnOrigins, OrgBranding branding,
      Instant createdAt, Instant updatedAt) {
    return new Org(slug, new OrgFields(name, java.util.Optional.ofNullable(landingUrl), List.of(allowedReturnOrigins),
        branding), createdAt, updatedAt);
  }
}
