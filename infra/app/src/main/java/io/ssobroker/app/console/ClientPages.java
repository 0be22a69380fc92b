package io.ssobroker.app.console;

import static io.ssobroker.app.console.ConsoleExchange.objects;
import static io.ssobroker.app.console.ConsoleExchange.redirect;

import io.ssobroker.app.console.view.ClientRow;
import io.ssobroker.app.console.view.FormProblem;
import io.ssobroker.app.console.view.Notice;
import io.ssobroker.platform.admin.AdminContract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The product clients of the broker's OpenID Provider, for platform admins: the list, a new client (its secret shown
 * once, on the page that answers the creation), a client's settings, a new secret, and deleting one. Clients of the
 * clients file are read-only, as in the API.
 */
final class ClientPages {

  private static final List<String> FIELDS = ClientRow.FORM_FIELDS;
  private static final String PATH = ConsoleRoutes.PATH + "/clients";

  private final ConsoleExchange exchange;

  ClientPages(ConsoleExchange exchange) {
    this.exchange = exchange;
  }

  void mount(Router router) {
    router.get(PATH).handler(routing -> showList(routing, 200, FormProblem.none(), deletedNotice(routing)));
    router.post(PATH).handler(this::create);
    router.get(PATH + "/:clientId").handler(routing -> showClient(routing, 200, FormProblem.none(),
        Optional.empty(), Optional.empty()));
    router.post(PATH + "/:clientId").handler(this::update);
    router.post(PATH + "/:clientId/secret").handler(this::rotateSecret);
    router.post(PATH + "/:clientId/delete").handler(this::delete);
  }

  private static Optional<Notice> deletedNotice(RoutingContext routing) {
    return Optional.ofNullable(routing.queryParams().get("deleted"))
        .map(clientId -> Notice.done("The client " + clientId + " is deleted: its tokens no longer work."));
  }

  private void showList(RoutingContext routing, int status, FormProblem problem, Optional<Notice> notice) {
    exchange.call(routing, AdminContract.LIST_CLIENTS, new JsonObject(), new JsonObject()).onSuccess(answer -> {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("clients", objects(answer.getJsonArray("clients")).stream().map(ClientRow::of)
          .sorted(Comparator.comparing(ClientRow::clientId)).toList());
      model.put("problem", problem);
      model.put("notice", notice);
      exchange.page(routing, status, "console/clients.jte", model);
    });
  }

  /**
   * @param secret a secret just generated, shown this once
   * @param notice what the last action did
   */
  private void showClient(RoutingContext routing, int status, FormProblem problem, Optional<String> secret,
      Optional<Notice> notice) {
    JsonObject params = new JsonObject().put("clientId", routing.pathParam("clientId"));
    exchange.call(routing, AdminContract.GET_CLIENT, params, new JsonObject()).onSuccess(client -> {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("client", ClientRow.of(client));
      model.put("values", problem.typed().isEmpty() ? ClientRow.formValues(client) : problem.typed());
      model.put("problem", problem);
      model.put("secret", secret);
      model.put("notice", notice);
      exchange.page(routing, status, "console/client.jte", model);
    });
  }

  private void create(RoutingContext routing) {
    Map<String, String> typed = ConsoleExchange.form(routing, FIELDS.toArray(String[]::new));
    JsonObject body = body(typed);
    if (!typed.get("clientId").isEmpty()) {
      body.put("clientId", typed.get("clientId"));
    }
    body.put("type", typed.get("type"));
    exchange.call(routing, AdminContract.CREATE_CLIENT, new JsonObject(), body,
            refusal -> showList(routing, refusal.status(), problem(refusal, typed), Optional.empty()))
        .onSuccess(created -> {
          Map<String, Object> model = new LinkedHashMap<>();
          model.put("client", ClientRow.of(created));
          model.put("values", ClientRow.formValues(created));
          model.put("problem", FormProblem.none());
          model.put("secret", Optional.ofNullable(created.getString("clientSecret")));
          model.put("notice", Optional.of(Notice.done("The client " + created.getString("clientId") + " is created.")));
          exchange.page(routing, 201, "console/client.jte", model);
        });
  }

  private void update(RoutingContext routing) {
    Map<String, String> typed = ConsoleExchange.form(routing, FIELDS.toArray(String[]::new));
    JsonObject params = new JsonObject().put("clientId", routing.pathParam("clientId"));
    JsonObject body = body(typed).put("type", typed.get("type"));
    exchange.call(routing, AdminContract.UPDATE_CLIENT, params, body,
            refusal -> showClient(routing, refusal.status(), problem(refusal, typed), Optional.empty(),
                Optional.empty()))
        .onSuccess(updated -> showClient(routing, 200, FormProblem.none(), Optional.empty(),
            Optional.of(Notice.done("Saved."))));
  }

  private void rotateSecret(RoutingContext routing) {
    JsonObject params = new JsonObject().put("clientId", routing.pathParam("clientId"));
    exchange.call(routing, AdminContract.ROTATE_CLIENT_SECRET, params, new JsonObject())
        .onSuccess(rotated -> showClient(routing, 200, FormProblem.none(),
            Optional.ofNullable(rotated.getString("clientSecret")),
            Optional.of(Notice.done("A new secret is generated; the previous one no longer works."))));
  }

  private void delete(RoutingContext routing) {
    String clientId = routing.pathParam("clientId");
    exchange.call(routing, AdminContract.DELETE_CLIENT, new JsonObject().put("clientId", clientId), new JsonObject())
        .onSuccess(deleted -> redirect(routing, PATH + "?deleted=" + java.net.URLEncoder.encode(clientId,
            java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** What the form says, as the API's client body: lists one item per line (orgs also by spaces or commas). */
  private static JsonObject body(Map<String, String> typed) {
    JsonObject body = new JsonObject()
        .put("name", typed.get("name"))
        .put("redirectUris", items(typed.get("redirectUris"), "\\s+"))
        .put("postLogoutRedirectUris", items(typed.get("postLogoutRedirectUris"), "\\s+"))
        .put("allowedOrgs", items(typed.get("allowedOrgs"), "[,\\s]+"))
        .put("refreshTokens", "on".equals(typed.get("refreshTokens")))
        .put("idTokenSigningAlg", typed.get("idTokenSigningAlg").isEmpty() ? "ES256" : typed.get("idTokenSigningAlg"));
    for (String optional : List.of("backchannelLogoutUri", "idTokenLifetime", "accessTokenLifetime",
        "accessTokenAudience", "refreshTokenLifetime")) {
      if (!typed.get(optional).isEmpty()) {
        body.put(optional, typed.get(optional));
      }
    }
    return body;
  }

  private static JsonArray items(String text, String separators) {
    return new JsonArray(Arrays.stream(text.split(separators)).filter(item -> !item.isEmpty()).toList());
  }

  /** A refusal under its field; an item of a list ({@code redirectUris[1]: ...}) under the list's field. */
  private static FormProblem problem(ConsoleExchange.Refusal refusal, Map<String, String> typed) {
    Optional<String> field = refusal.field();
    FormProblem problem = FormProblem.refused(refusal.message(), field, typed);
    return field.map(name -> name.replaceAll("\\[.*$", "")).filter(FIELDS::contains).map(problem::under)
        .orElse(problem);
  }
}
