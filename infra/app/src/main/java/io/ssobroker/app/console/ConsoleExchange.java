package io.ssobroker.app.console;

import io.ssobroker.app.console.view.Frame;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.http.BoundedBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every console page does with its request: ask the admin services as the signed-in admin, render a template
 * in the console's frame, read the posted form.
 */
final class ConsoleExchange {

  static final String ACTOR = "consoleActor";
  static final String SESSION = "consoleSession";

  /** A refusal of the service, as a page shows it. */
  record Refusal(int status, String message, Optional<String> field) {}

  private final BusRequester bus;
  private final ConsoleTemplates templates;
  private final boolean demo;

  ConsoleExchange(BusRequester bus, ConsoleTemplates templates, boolean demo) {
    this.bus = bus;
    this.templates = templates;
    this.demo = demo;
  }

  /** Asks the service that owns the resource; a refusal is shown as the console's problem page. */
  Future<JsonObject> call(RoutingContext routing, String address, JsonObject params, JsonObject body) {
    return call(routing, address, params, body, refusal -> page(routing, refusal.status(), "console/problem.jte",
        Map.of("title", refusal.status() == 404 ? "Not found" : "Not possible", "detail", refusal.message())));
  }

  /**
   * Asks the service that owns the resource, as the admin API does for this admin (the same request on the same
   * address, so the same checks and audit event); a refusal is handed to the page that shows it, and the returned
   * future's success steps then do not run.
   */
  Future<JsonObject> call(RoutingContext routing, String address, JsonObject params, JsonObject body,
      Consumer<Refusal> refused) {
    AdminActor actor = routing.get(ACTOR);
    return bus.request(address, new AdminRequest(actor, params, body).toJson()).onFailure(failure -> {
      if (routing.response().ended()) {
        return;
      }
      ServiceFailure kind = ServiceFailure.of(failure);
      if (kind == ServiceFailure.INTERNAL || !(failure instanceof ServiceException refusal)) {
        refused.accept(new Refusal(kind.httpStatus(), "The request failed; try again in a moment.", Optional.empty()));
      } else {
        refused.accept(new Refusal(kind.httpStatus(), refusal.getMessage(), refusal.field()));
      }
    });
  }

  void page(RoutingContext routing, int status, String template, Map<String, Object> model) {
    if (routing.response().ended()) {
      return;
    }
    ConsoleSession session = routing.get(SESSION);
    AdminActor actor = routing.get(ACTOR);
    Map<String, Object> parameters = new LinkedHashMap<>(model);
    Optional<String> scopes = actor.setupLink() || actor.scopes().equals(AdminScope.ALL) ? Optional.empty()
        : Optional.of(actor.scopes().isEmpty() ? "none" : AdminScope.describe(actor.scopes()));
    parameters.put("frame", new Frame(actor.name(), actor.org(), session.csrfToken(), demo, actor.setupLink(),
        scopes));
    html(routing, status, templates.render(template, parameters));
  }

  String render(String template, Map<String, Object> parameters) {
    return templates.render(template, parameters);
  }

  boolean demo() {
    return demo;
  }

  /** The named fields of the posted form, trimmed; a missing one is empty. */
  static Map<String, String> form(RoutingContext routing, String... names) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : names) {
      values.put(name, Optional.ofNullable(field(routing, name)).orElse("").trim());
    }
    return values;
  }

  /** A field of the posted form; a field sent twice counts as not sent. */
  static String field(RoutingContext routing, String name) {
    List<String> values = ConsoleUpload.fields(routing).orElseGet(() -> BoundedBody.form(routing)).getAll(name);
    return values.size() == 1 ? values.get(0) : null;
  }

  static List<JsonObject> objects(JsonArray array) {
    return array == null ? List.of() : array.stream().map(JsonObject.class::cast).toList();
  }

  static void redirect(RoutingContext routing, String location) {
    routing.response().setStatusCode(303).putHeader("Location", location).end();
  }

  static void html(RoutingContext routing, int status, String page) {
    routing.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(page);
  }

  static void plainRefusal(RoutingContext routing, int status, String message) {
    routing.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
  }
}
