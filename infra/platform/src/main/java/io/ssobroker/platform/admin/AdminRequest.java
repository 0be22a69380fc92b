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
   * link asking for users, a token without the address's scope) is refused here, before any handler sees the request.
   */
  public static AdminRequest fromJson(String address, JsonObject json) {
    AdminRequest request = new AdminRequest(AdminActor.fromJson(json.getJsonObject("actor")),
        json.getJsonObject("params", new JsonObject()), json.getJsonObject("body", new JsonObject()));
    AdminActor actor = request.actor();
    if (!actor.withinSetupLink(address)) {
      throw new ServiceException(ServiceFailure.FORBIDDEN,
          "a setup link may only set up its org's connectors and domains");
    }
    if (!actor.hasScopeFor(address)) {
      throw new ServiceException(ServiceFailure.FORBIDDEN, AdminScope.requiredFor(address)
          .map(scope -> "this token lacks the scope " + scope.text() + " (it has: "
              + (actor.scopes().isEmpty() ? "none" : AdminScope.describe(actor.scopes())) + ")")
          .orElse("no admin operation"));
    }
    return request;
  }
}
