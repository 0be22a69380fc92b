package io.ssobroker.app.console;

import static io.ssobroker.app.console.ConsoleExchange.field;
import static io.ssobroker.app.console.ConsoleExchange.objects;
import static io.ssobroker.app.console.ConsoleExchange.redirect;

import io.ssobroker.app.console.view.CheckLine;
import io.ssobroker.app.console.view.ConnectorRow;
import io.ssobroker.app.console.view.FormProblem;
import io.ssobroker.app.console.view.KindSetup;
import io.ssobroker.app.console.view.Notice;
import io.ssobroker.app.console.view.SetupField;
import io.ssobroker.platform.admin.AdminContract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connector wizard: choose a kind, see what to register at the IdP, give the values; then, on the connector's
 * page, check it against its IdP, test it with testers through the test application, and activate it now or at a
 * time.
 */
final class ConnectorPages {

  private static final String PATH = ConsoleRoutes.PATH;

  private final ConsoleExchange exchange;
  private final ConnectorKinds kinds;
  private final URI testApp;

  ConnectorPages(ConsoleExchange exchange, URI publicBaseUrl) {
    this.exchange = exchange;
    this.kinds = new ConnectorKinds(publicBaseUrl);
    this.testApp = URI.create(publicBaseUrl + "/test-app");
  }

  void mount(Router router) {
    router.get(PATH + "/orgs/:org/connectors/new").handler(this::chooseKind);
    router.get(PATH + "/orgs/:org/connectors/new/:kind").handler(routing -> setupForm(routing, 200,
        FormProblem.none()));
    router.post(PATH + "/orgs/:org/connectors/new/:kind").handler(this::create);
    router.get(PATH + "/orgs/:org/connectors/:id").handler(routing -> show(routing, 200, Optional.empty(),
        List.of()));
    router.post(PATH + "/orgs/:org/connectors/:id/check").handler(this::check);
    router.post(PATH + "/orgs/:org/connectors/:id/test").handler(this::startTesting);
    router.post(PATH + "/orgs/:org/connectors/:id/activate").handler(this::activate);
  }

  private void chooseKind(RoutingContext routing) {
    String org = routing.pathParam("org");
    exchange.call(routing, AdminContract.GET_ORG, new JsonObject().put("org", org), new JsonObject())
        .onSuccess(found -> exchange.page(routing, 200, "console/connectorKinds.jte",
            Map.of("org", org, "kinds", kinds.all())));
  }

  private void setupForm(RoutingContext routing, int status, FormProblem problem) {
    String org = routing.pathParam("org");
    Optional<KindSetup> kind = kinds.of(routing.pathParam("kind"));
    if (kind.isEmpty()) {
      exchange.page(routing, 404, "console/problem.jte", Map.of("title", "Not found",
          "detail", "There is no connector kind " + routing.pathParam("kind") + "."));
      return;
    }
    exchange.call(routing, AdminContract.GET_ORG, new JsonObject().put("org", org), new JsonObject())
        .onSuccess(found -> exchange.page(routing, status, "console/connectorSetup.jte",
            Map.of("org", org, "setup", kind.get(), "problem", problem)));
  }

  private void create(RoutingContext routing) {
    String org = routing.pathParam("org");
    Optional<KindSetup> kind = kinds.of(routing.pathParam("kind"));
    if (kind.isEmpty()) {
      setupForm(routing, 404, FormProblem.none());
      return;
    }
    Map<String, String> typed = ConsoleExchange.form(routing,
        kind.get().fields().stream().map(SetupField::name).toArray(String[]::new));
    exchange.call(routing, AdminContract.CREATE_CONNECTOR, new JsonObject().put("org", org),
            body(kind.get(), typed), refusal -> setupForm(routing, refusal.status(), FormProblem.refused(
                refusal.message(), refusal.field(), withoutSecrets(kind.get(), typed))))
        .onSuccess(created -> redirect(routing, PATH + "/orgs/" + org + "/connectors/" + created.getString("id")));
  }

  /** The connector's body, as the connectors file and the API take it, from the wizard's fields. */
  static JsonObject body(KindSetup kind, Map<String, String> typed) {
    JsonObject body = new JsonObject().put("kind", kind.kind());
    for (SetupField field : kind.fields()) {
      String value = typed.getOrDefault(field.name(), "");
      if (value.isEmpty()) {
        continue;
      }
      Object json = field.listValued()
          ? new JsonArray(Arrays.stream(value.split("[,\\s]+")).filter(item -> !item.isEmpty()).toList()) : value;
      String[] path = field.name().split("\\.", 2);
      if (path.length == 1) {
        body.put(path[0], json);
      } else {
        JsonObject nested = body.getJsonObject(path[0]);
        if (nested == null) {
          nested = new JsonObject();
          body.put(path[0], nested);
        }
        nested.put(path[1], json);
      }
    }
    if (!body.containsKey("parameters")) {
      body.put("parameters", new JsonObject());
    }
    return body;
  }

  /** A refused form shows what was typed, except the secret: the browser never gets it back. */
  private static Map<String, String> withoutSecrets(KindSetup kind, Map<String, String> typed) {
    Map<String, String> shown = new LinkedHashMap<>(typed);
    kind.fields().stream().filter(field -> field.type().equals("secret")).forEach(field -> shown.remove(field.name()));
    return shown;
  }

  private void show(RoutingContext routing, int status, Optional<Notice> notice, List<CheckLine> checks) {
    String org = routing.pathParam("org");
    JsonObject params = new JsonObject().put("org", org).put("id", routing.pathParam("id"));
    exchange.call(routing, AdminContract.GET_CONNECTOR, params, new JsonObject()).onSuccess(found -> {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("org", org);
      model.put("connector", ConnectorRow.of(found));
      model.put("setup", kinds.of(found.getString("kind")));
      model.put("testers", found.getJsonArray("testers", new JsonArray()).stream().map(String::valueOf).toList());
      model.put("testApp", testApp.toString());
      model.put("notice", notice);
      model.put("checks", checks);
      exchange.page(routing, status, "console/connector.jte", model);
    });
  }

  private JsonObject params(RoutingContext routing) {
    return new JsonObject().put("org", routing.pathParam("org")).put("id", routing.pathParam("id"));
  }

  private void check(RoutingContext routing) {
    exchange.call(routing, AdminContract.CHECK_CONNECTOR, params(routing), new JsonObject(), refusal -> show(routing,
            refusal.status(), Optional.of(Notice.refused(refusal.message())), List.of()))
        .onSuccess(report -> {
          List<CheckLine> checks = objects(report.getJsonArray("checks")).stream()
              .map(line -> new CheckLine(line.getString("name"), "pass".equals(line.getString("status")),
                  line.getString("message", ""))).toList();
          boolean passed = "pass".equals(report.getString("status"));
          show(routing, 200, Optional.of(passed ? Notice.done("Every check passed.")
              : Notice.refused("Some checks failed: see below.")), checks);
        });
  }

  private void startTesting(RoutingContext routing) {
    String testers = Optional.ofNullable(field(routing, "testers")).orElse("");
    JsonArray emails = new JsonArray(Arrays.stream(testers.split("[,\\s]+")).filter(email -> !email.isEmpty())
        .toList());
    exchange.call(routing, AdminContract.TEST_CONNECTOR, params(routing), new JsonObject().put("testers", emails),
            refusal -> show(routing, refusal.status(), Optional.of(Notice.refused(refusal.message())), List.of()))
        .onSuccess(testing -> show(routing, 200, Optional.of(Notice.done("Testing: the testers can sign in at the "
            + "test application now; nobody else sees this connector.")), List.of()));
  }

  /** Now, or at a time given in UTC (a datetime-local field carries no zone). */
  private void activate(RoutingContext routing) {
    String at = Optional.ofNullable(field(routing, "at")).orElse("").trim();
    JsonObject body = new JsonObject();
    if (!at.isEmpty()) {
      try {
        body.put("at", LocalDateTime.parse(at).atOffset(ZoneOffset.UTC).toString());
      } catch (DateTimeParseException notATime) {
        show(routing, 400, Optional.of(Notice.refused("Give the time as a date and time, such as "
            + "2027-01-31T09:00.")), List.of());
        return;
      }
    }
    exchange.call(routing, AdminContract.ACTIVATE_CONNECTOR, params(routing), body,
            refusal -> show(routing, refusal.status(), Optional.of(Notice.refused(refusal.message())), List.of()))
        .onSuccess(activated -> show(routing, 200, Optional.of(Notice.done("scheduled".equals(
            activated.getString("state")) ? "Scheduled: it becomes active at " + activated.getString("activateAt")
            + " and the connector it replaces retires then." : "Active: logins of its domains use it now.")),
            List.of()));
  }
}
