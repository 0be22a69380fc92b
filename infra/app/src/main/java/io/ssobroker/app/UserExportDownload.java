package io.ssobroker.app;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/v1/orgs/{org}/users/export?format=csv|jsonl}: the org's users in the import formats, streamed a
 * page at a time, the next page asked for once the previous one is written. A failure after the first page resets
 * the connection, so a client never mistakes a partial export for a complete one.
 */
public final class UserExportDownload {

  static final String PATH = "/admin/v1/orgs/:org/users/export";

  private final BusRequester bus;
  private final RoutingContext routing;
  private final AdminActor actor;
  private final String format;

  private UserExportDownload(BusRequester bus, RoutingContext routing, AdminActor actor, String format) {
    this.bus = bus;
    this.routing = routing;
    this.actor = actor;
    this.format = format;
  }

  public static void handle(BusRequester bus, RoutingContext routing, AdminActor actor) {
    String format = routing.request().getParam("format", "jsonl");
    if (!format.equals("csv") && !format.equals("jsonl")) {
      AdminGateway.problem(routing, 400, "format: must be csv or jsonl", "format");
      return;
    }
    new UserExportDownload(bus, routing, actor, format).firstPage();
  }

  private void firstPage() {
    page(null).onComplete(first -> {
      if (first.failed()) {
        AdminGateway.serviceFailure(routing, first.cause());
        return;
      }
      String org = routing.pathParam("org");
      routing.response().setChunked(true)
          .putHeader("Content-Type", format.equals("csv") ? "text/csv; charset=utf-8" : "application/x-ndjson")
          .putHeader("Content-Disposition", "attachment; filename=\"users-" + org + "." + format + "\"")
          .putHeader("Cache-Control", "no-store");
      write(first.result());
    });
  }

  private void write(JsonObject page) {
    String next = page.getString("next");
    routing.response().write(page.getString("text")).onComplete(written -> {
      if (written.failed()) {
        return;
      }
      if (next == null) {
        routing.response().end();
        return;
      }
      page(next).onComplete(following -> {
        if (following.failed()) {
          routing.response().reset();
        } else {
          write(following.result());
        }
      });
    });
  }

  private Future<JsonObject> page(String cursor) {
    JsonObject params = new JsonObject().put("org", routing.pathParam("org")).put("format", format);
    if (cursor != null) {
      params.put("cursor", cursor);
    }
    return bus.request(AdminContract.EXPORT_USERS_PAGE, new AdminRequest(actor, params, new JsonObject()).toJson());
  }
}
