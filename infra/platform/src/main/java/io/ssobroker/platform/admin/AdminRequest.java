package io.ssobroker.platform.admin;

import io.vertx.core.json.JsonObject;

/** An admin API call as the gateway forwards it to the owning service: who asks, the path parameters, the body. */
public record AdminRequest(AdminActor actor, JsonObject params, JsonObject body) {

  public String param(String name) {
    return params.getString(name);
  }

  public JsonObject toJson() {
    return new JsonObject().put("actor", actor.toJson()).put("params", params).put("body", body);
  }

  public static AdminRequest fromJson(JsonObject json) {
    return new AdminRequest(AdminActor.fromJson(json.getJsonObject("actor")),
        json.getJsonObject("params", new JsonObject()), json.getJsonObject("body", new JsonObject()));
  }
}
