package io.ssobroker.app.console;

import static io.ssobroker.app.console.ConsoleExchange.field;
import static io.ssobroker.app.console.ConsoleExchange.objects;
import static io.ssobroker.app.console.ConsoleExchange.redirect;

import io.ssobroker.app.UserExportDownload;
import io.ssobroker.app.console.view.FormProblem;
import io.ssobroker.app.console.view.Notice;
import io.ssobroker.app.console.view.OrgRow;
import io.ssobroker.app.console.view.UserRow;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An org's users: search, add, disable or enable, give or take the admin role, move to another org (platform admins),
 * export, import.
 */
final class UserPages {

  private static final String PATH = ConsoleRoutes.PATH;
  private static final String PAGE_SIZE = "50";

  private final ConsoleExchange exchange;
  private final BusRequester bus;

  UserPages(ConsoleExchange exchange, BusRequester bus) {
    this.exchange = exchange;
    this.bus = bus;
  }

  void mount(Router router) {
    router.get(PATH + "/orgs/:org/users").handler(routing -> show(routing, 200, FormProblem.none(),
        Optional.empty()));
    router.post(PATH + "/orgs/:org/users").handler(this::add);
    router.post(PATH + "/orgs/:org/users/:id/status").handler(routing -> change(routing, "status"));
    router.post(PATH + "/orgs/:org/users/:id/role").handler(routing -> change(routing, "role"));
    router.post(PATH + "/orgs/:org/users/:id/move").handler(this::move);
    router.get(PATH + "/orgs/:org/users/export").handler(routing ->
        UserExportDownload.handle(bus, routing, routing.get(ConsoleExchange.ACTOR)));
  }

  private void show(RoutingContext routing, int status, FormProblem problem, Optional<Notice> notice) {
    String org = routing.pathParam("org");
    String search = Optional.ofNullable(routing.queryParams().get("search")).orElse("").trim();
    JsonObject params = new JsonObject().put("org", org).put("limit", PAGE_SIZE);
    if (!search.isEmpty()) {
      params.put("search", search);
    }
    Optional.ofNullable(routing.queryParams().get("cursor")).ifPresent(cursor -> params.put("cursor", cursor));
    AdminActor actor = routing.get(ConsoleExchange.ACTOR);
    Future<JsonObject> orgs = actor.isPlatform()
        ? exchange.call(routing, AdminContract.LIST_ORGS, new JsonObject(), new JsonObject())
        : Future.succeededFuture(new JsonObject());
    exchange.call(routing, AdminContract.LIST_USERS, params, new JsonObject())
        .compose(users -> orgs.map(all -> Map.entry(users, all)))
        .onSuccess(both -> {
          Map<String, Object> model = new LinkedHashMap<>();
          model.put("org", org);
          model.put("search", search);
          model.put("users", objects(both.getKey().getJsonArray("users")).stream().map(UserRow::of).toList());
          model.put("next", Optional.ofNullable(both.getKey().getString("next")).map(cursor -> PATH + "/orgs/" + org
              + "/users?search=" + encode(search) + "&cursor=" + encode(cursor)));
          model.put("otherOrgs", objects(both.getValue().getJsonArray("orgs")).stream().map(OrgRow::of)
              .filter(other -> !other.slug().equals(org)).toList());
          model.put("problem", problem);
          model.put("notice", notice);
          exchange.page(routing, status, "console/users.jte", model);
        });
  }

  private void add(RoutingContext routing) {
    Map<String, String> typed = ConsoleExchange.form(routing, "email", "name");
    JsonObject body = new JsonObject().put("email", typed.get("email"));
    if (!typed.get("name").isEmpty()) {
      body.put("name", typed.get("name"));
    }
    exchange.call(routing, AdminContract.CREATE_USER, new JsonObject().put("org", routing.pathParam("org")), body,
            refusal -> show(routing, refusal.status(), FormProblem.refused(refusal.message(),
                refusal.field(), typed), Optional.empty()))
        .onSuccess(created -> show(routing, 200, FormProblem.none(),
            Optional.of(Notice.done(created.getString("email") + " added."))));
  }

  /**
   * A new status or role, with the rest of the user as it is: disabling ends the user's sessions everywhere, as the
   * API's update does; the admin role lets the user sign in to the console through the broker.
   */
  private void change(RoutingContext routing, String field) {
    String value = Optional.ofNullable(field(routing, field)).orElse("");
    JsonObject params = new JsonObject().put("org", routing.pathParam("org")).put("id", routing.pathParam("id"));
    exchange.call(routing, AdminContract.GET_USER, params, new JsonObject())
        .compose(user -> exchange.call(routing, AdminContract.UPDATE_USER, params, new JsonObject()
            .put("email", user.getString("email")).put("name", user.getString("name", ""))
            .put("status", user.getString("status")).put(field, value),
            refusal -> show(routing, refusal.status(), FormProblem.none(),
                Optional.of(Notice.refused(refusal.message())))))
        .onSuccess(updated -> show(routing, 200, FormProblem.none(), Optional.of(Notice.done(
            updated.getString("email") + (field.equals("status") ? " is " + updated.getString("status")
                : updated.getString("role").equals("admin") ? " is an admin of the org in the console"
                : " is a member, not an admin") + "."))));
  }

  private void move(RoutingContext routing) {
    String target = Optional.ofNullable(field(routing, "org")).orElse("");
    JsonObject params = new JsonObject().put("org", routing.pathParam("org")).put("id", routing.pathParam("id"));
    exchange.call(routing, AdminContract.MOVE_USER, params, new JsonObject().put("org", target),
            refusal -> show(routing, refusal.status(), FormProblem.none(),
                Optional.of(Notice.refused(refusal.message()))))
        .onSuccess(moved -> redirect(routing, PATH + "/orgs/" + routing.pathParam("org") + "/users"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
