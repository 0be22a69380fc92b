package io.ssobroker.app.console;

import static io.ssobroker.app.console.ConsoleExchange.objects;
import static io.ssobroker.app.console.ConsoleExchange.redirect;

import io.ssobroker.app.console.view.FormProblem;
import io.ssobroker.app.console.view.Notice;
import io.ssobroker.app.console.view.OrgRow;
import io.ssobroker.app.console.view.SetupLinkRow;
import io.ssobroker.platform.admin.AdminContract;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An org's setup links: the admins create one for the customer's IT admin (the link is shown once, on the page that
 * answers the creation), see which were opened, and revoke them.
 */
final class SetupLinkPages {

  /** The lifetimes the form offers, as ISO-8601 durations, and how the form names them. */
  static final Map<String, String> LIFETIMES = lifetimes();
  private static final String PATH = ConsoleRoutes.PATH;

  private final ConsoleExchange exchange;

  SetupLinkPages(ConsoleExchange exchange) {
    this.exchange = exchange;
  }

  void mount(Router router) {
    router.get(PATH + "/orgs/:org/setup-links").handler(routing -> show(routing, 200, FormProblem.none(),
        Optional.empty(), revokedNotice(routing)));
    router.post(PATH + "/orgs/:org/setup-links").handler(this::create);
    router.post(PATH + "/orgs/:org/setup-links/:id/revoke").handler(this::revoke);
  }

  private static Optional<Notice> revokedNotice(RoutingContext routing) {
    return routing.queryParam("revoked").isEmpty() ? Optional.empty()
        : Optional.of(Notice.done("The setup link is revoked; a console session opened with it has ended."));
  }

  /** @param created the link just created, with its secret: the only page that ever shows it */
  private void show(RoutingContext routing, int status, FormProblem problem, Optional<String> created,
      Optional<Notice> notice) {
    JsonObject params = new JsonObject().put("org", routing.pathParam("org"));
    exchange.call(routing, AdminContract.GET_ORG, params, new JsonObject()).compose(org -> exchange
        .call(routing, AdminContract.LIST_SETUP_LINKS, params, new JsonObject()).onSuccess(answer -> {
          Map<String, Object> model = new LinkedHashMap<>();
          model.put("org", OrgRow.of(org));
          model.put("links", objects(answer.getJsonArray("setupLinks")).stream().map(SetupLinkRow::of).toList());
          model.put("lifetimes", LIFETIMES);
          model.put("created", created);
          model.put("problem", problem);
          model.put("notice", notice);
          exchange.page(routing, status, "console/setupLinks.jte", model);
        }));
  }

  private void create(RoutingContext routing) {
    Map<String, String> typed = ConsoleExchange.form(routing, "name", "expiresIn");
    JsonObject body = new JsonObject().put("expiresIn", typed.get("expiresIn"));
    if (!typed.get("name").isBlank()) {
      body.put("name", typed.get("name"));
    }
    JsonObject params = new JsonObject().put("org", routing.pathParam("org"));
    exchange.call(routing, AdminContract.CREATE_SETUP_LINK, params, body, refusal -> show(routing, refusal.status(),
            FormProblem.refused(refusal.message(), refusal.field(), typed), Optional.empty(),
            Optional.empty()))
        .onSuccess(link -> show(routing, 201, FormProblem.none(), Optional.of(origin(routing) + link.getString("path")),
            Optional.empty()));
  }

  private void revoke(RoutingContext routing) {
    String org = routing.pathParam("org");
    exchange.call(routing, AdminContract.REVOKE_SETUP_LINK, new JsonObject().put("org", org)
            .put("id", routing.pathParam("id")), new JsonObject())
        .onSuccess(revoked -> redirect(routing, PATH + "/orgs/" + org + "/setup-links?revoked"));
  }

  /**
   * The console's origin as this admin reached it: the IT admin opens the link on the same admin port, so whoever
   * hands links to customers publishes the console where they can reach it (docs/console.md).
   */
  private static String origin(RoutingContext routing) {
    return (routing.request().isSSL() ? "https://" : "http://") + ConsoleRoutes.authority(routing);
  }

  private static Map<String, String> lifetimes() {
    Map<String, String> lifetimes = new LinkedHashMap<>();
    lifetimes.put("PT1H", "1 hour");
    lifetimes.put("P1D", "1 day");
    lifetimes.put("P3D", "3 days");
    lifetimes.put("P7D", "7 days");
    lifetimes.put("P30D", "30 days");
    return lifetimes;
  }
}
