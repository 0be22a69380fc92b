package io.ssobroker.platform.admin;

import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.vertx.core.json.JsonObject;

/** An admin API call as the gateway forwards it to the owning service: who asks, the path parameters, the body. */
public record AdminRequest(AdminActor actor, JsonObject params, JsonObject body) {

  public String param(String name) {
    return params.getString(name);
  }

  public JsonObject toJson() {
    return new JsonObject().put("actor", actor.toJson()).put("params", params).put("body", body);
  }

  /**
   * The request as the service of {@code address} receives it; an actor who may not ask this address at all (a setup
   * link asking for users, say) is refused here, before any handler sees the request.
   */
  public static AdminRequest fromJson(String address, JsonObject json) {
    AdminRequest request = new AdminRequest(AdminActor.fromJson(json.getJsonObject("actor")),
        json.getJsonObject("params", new JsonObject()), json.getJsonObject("body", new JsonObject()));
    if (!request.actor().mayCall(address)) {
      throw new ServiceException(ServiceFailure.FORBIDDEN,
          "a setup link may only set up its org's connectors and domains");
    }
    return request;
  }
}
