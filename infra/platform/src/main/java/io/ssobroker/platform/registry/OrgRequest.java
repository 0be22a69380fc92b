package io.ssobroker.platform.registry;

import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.json.JsonObject;

/** A request about one org, by slug. */
public record OrgRequest(String org) {

  public OrgRequest {
    if (!OrgSlug.isValid(org)) {
      throw ServiceException.invalid("org", "" + OrgSlug.describeRule());
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("org", org);
  }

  public static OrgRequest fromJson(JsonObject json) {
    return new OrgRequest(json.getString("org"));
  }
}
