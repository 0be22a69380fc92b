package io.ssobroker.registry.orgs;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The directory's part in an org's deletion: the org's users go with it, asked over the event bus. */
public final class OrgUsers {

  private final BusRequester bus;

  public OrgUsers(BusRequester bus) {
    this.bus = bus;
  }

  Future<Void> deleteAll(AdminActor actor, String org) {
    JsonObject request = new AdminRequest(actor, new JsonObject().put("org", org), new JsonObject()).toJson();
    return bus.request(AdminContract.DELETE_ORG_USERS, request, AdminContract.ORG_USERS_DELETION_TIMEOUT)
        .mapEmpty();
  }
}
