package io.ssobroker.app.console;

import static io.ssobroker.app.console.ConsoleExchange.objects;
import static io.ssobroker.app.console.ConsoleExchange.redirect;

import io.ssobroker.app.console.view.ConnectorRow;
import io.ssobroker.app.console.view.DomainRow;
import io.ssobroker.app.console.view.FailureCount;
import io.ssobroker.app.console.view.FormProblem;
import io.ssobroker.app.console.view.Notice;
import io.ssobroker.app.console.view.OrgRow;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The orgs list, creating an org, an org's overview, and claiming and verifying its domains. A setup link's session
 * sees the overview without its users and login failures, which it may not read.
 */
final class OrgPages {

  static final int FAILURE_WINDOW_DAYS = 7;
  static final List<String> BRANDING_FIELDS = List.of("displayName", "logoUrl", "accentColor");
  private static final String PATH = ConsoleRoutes.PATH;

  private final ConsoleExchange exchange;
  private final Clock clock;

  OrgPages(ConsoleExchange exchange, Clock clock) {
    this.exchange = exchange;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get(PATH + "/orgs").handler(routing -> showOrgs(routing, 200, FormProblem.none()));
    router.post(PATH + "/orgs").handler(this::createOrg);
    router.get(PATH + "/orgs/:org").handler(routing -> showOrg(routing, 200, FormProblem.none(),
        routing.queryParam("branded").isEmpty() ? Optional.empty()
            : Optional.of(Notice.done("Branding saved: the org's sign-in, error and test pages show it now."))));
    router.post(PATH + "/orgs/:org/domains").handler(this::claimDomain);
    router.post(PATH + "/orgs/:org/domains/:domain/verify").handler(this::verifyDomain);
    router.post(PATH + "/orgs/:org/branding").handler(this::brand);
  }

  private void showOrgs(RoutingContext routing, int status, FormProblem problem) {
    exchange.call(routing, AdminContract.LIST_ORGS, new JsonObject(), new JsonObject()).onSuccess(answer -> {
      List<OrgRow> orgs = objects(answer.getJsonArray("orgs")).stream().map(OrgRow::of)
          .sorted(Comparator.comparing(OrgRow::slug)).toList();
      exchange.page(routing, status, "console/orgs.jte", Map.of("orgs", orgs, "problem", problem));
    });
  }

  private void createOrg(RoutingContext routing) {
    Map<String, String> typed = ConsoleExchange.form(routing, "slug", "name");
    JsonObject body = new JsonObject().put("slug", typed.get("slug"));
    if (!typed.get("name").isBlank()) {
      body.put("name", typed.get("name"));
    }
    exchange.call(routing, AdminContract.CREATE_ORG, new JsonObject(), body, refusal -> showOrgs(routing,
            refusal.status(), FormProblem.refused(refusal.message(), refusal.field(), typed)))
        .onSuccess(created -> redirect(routing, PATH + "/orgs/" + created.getString("slug")));
  }

  /**
   * @param problem a refused domain claim, shown on its form
   * @param notice what the last action did, shown at the top
   */
  private void showOrg(RoutingContext routing, int status, FormProblem problem, Optional<Notice> notice) {
    String slug = routing.pathParam("org");
    JsonObject params = new JsonObject().put("org", slug);
    AdminActor actor = routing.get(ConsoleExchange.ACTOR);
    exchange.call(routing, AdminContract.GET_ORG, params, new JsonObject()).compose(found -> Future.all(
            exchange.call(routing, AdminContract.LIST_CONNECTORS, params, new JsonObject()),
            exchange.call(routing, AdminContract.LIST_DOMAINS, params, new JsonObject()),
            actor.setupLink() ? Future.succeededFuture(new JsonObject())
                : exchange.call(routing, AdminContract.QUERY_AUDIT, recentFailures(slug), new JsonObject()))
        .onSuccess(all -> {
          Map<String, Object> model = new LinkedHashMap<>();
          model.put("org", OrgRow.of(found));
          model.put("branding", problem.field().filter(BRANDING_FIELDS::contains).isPresent() ? problem.typed()
              : brandingValues(found.getJsonObject("branding", new JsonObject())));
          model.put("connectors", objects(all.<JsonObject>resultAt(0).getJsonArray("connectors")).stream()
              .map(ConnectorRow::of).toList());
          model.put("domains", objects(all.<JsonObject>resultAt(1).getJsonArray("domains")).stream()
              .map(DomainRow::of).toList());
          model.put("failures", failuresByCategory(all.<JsonObject>resultAt(2).getJsonArray("items")));
          model.put("failureWindowDays", FAILURE_WINDOW_DAYS);
          model.put("problem", problem);
          model.put("notice", notice);
          exchange.page(routing, status, "console/org.jte", model);
        }));
  }

  private static Map<String, String> brandingValues(JsonObject branding) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : BRANDING_FIELDS) {
      values.put(field, branding.getString(field, ""));
    }
    return values;
  }

  /** The org as it is, with the branding of the form: the API's update replaces the whole org. */
  private void brand(RoutingContext routing) {
    Map<String, String> typed = ConsoleExchange.form(routing, BRANDING_FIELDS.toArray(String[]::new));
    String slug = routing.pathParam("org");
    JsonObject params = new JsonObject().put("org", slug);
    JsonObject branding = new JsonObject();
    typed.forEach((field, value) -> {
      if (!value.isEmpty()) {
        branding.put(field, value);
      }
    });
    exchange.call(routing, AdminContract.GET_ORG, params, new JsonObject()).compose(org -> {
      JsonObject body = new JsonObject().put("name", org.getString("name"))
          .put("allowedReturnOrigins", org.getJsonArray("allowedReturnOrigins", new JsonArray()))
          .put("branding", branding);
      Optional.ofNullable(org.getString("landingUrl")).ifPresent(url -> body.put("landingUrl", url));
      return exchange.call(routing, AdminContract.UPDATE_ORG, params, body, refusal -> {
        FormProblem problem = FormProblem.refused(refusal.message(), refusal.field(), typed);
        showOrg(routing, refusal.status(), problem.field().map(field -> field.replaceFirst("^branding\\.", ""))
            .map(problem::under).orElse(problem), Optional.empty());
      });
    }).onSuccess(updated -> redirect(routing, PATH + "/orgs/" + slug + "?branded#branding"));
  }

  private JsonObject recentFailures(String slug) {
    return new JsonObject().put("org", slug).put("type", "login.failed")
        .put("from", clock.instant().minus(Duration.ofDays(FAILURE_WINDOW_DAYS)).toString()).put("limit", "1000");
  }

  private static List<FailureCount> failuresByCategory(JsonArray events) {
    Map<String, Long> counts = objects(events).stream()
        .collect(Collectors.groupingBy(event -> event.getString("category", "UNKNOWN"), TreeMap::new,
            Collectors.counting()));
    return counts.entrySet().stream().map(entry -> new FailureCount(entry.getKey(), entry.getValue())).toList();
  }

  private void claimDomain(RoutingContext routing) {
    Map<String, String> typed = ConsoleExchange.form(routing, "domain");
    String org = routing.pathParam("org");
    exchange.call(routing, AdminContract.CLAIM_DOMAIN, new JsonObject().put("org", org),
            new JsonObject().put("domain", typed.get("domain")), refusal -> showOrg(routing, refusal.status(),
                FormProblem.refused(refusal.message(), refusal.field(), typed), Optional.empty()))
        .onSuccess(claimed -> redirect(routing, PATH + "/orgs/" + org + "?claimed="
            + URLEncoder.encode(claimed.getString("domain"), StandardCharsets.UTF_8) + "#domains"));
  }

  /** DNS answers now or not: either way the overview says what it found. */
  private void verifyDomain(RoutingContext routing) {
    String org = routing.pathParam("org");
    String domain = routing.pathParam("domain");
    exchange.call(routing, AdminContract.VERIFY_DOMAIN, new JsonObject().put("org", org).put("domain", domain),
            new JsonObject(), refusal -> showOrg(routing, refusal.status(), FormProblem.none(),
                Optional.of(Notice.refused(FormProblem.refused(refusal.message(), refusal.field(),
                    Map.of()).message().orElse("")))))
        .onSuccess(verified -> showOrg(routing, 200, FormProblem.none(),
            Optional.of(Notice.done(domain + " is verified: logins of its emails now route to this org."))));
  }
}
