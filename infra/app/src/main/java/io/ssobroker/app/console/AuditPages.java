package io.ssobroker.app.console;

import static io.ssobroker.app.console.ConsoleExchange.objects;

import io.ssobroker.app.console.view.AuditFilter;
import io.ssobroker.app.console.view.AuditRow;
import io.ssobroker.app.console.view.ExpiringRow;
import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.web.LoginErrorHints;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit log with its filters, one event with its hint, and the credentials about to expire. */
final class AuditPages {

  private static final String PATH = ConsoleRoutes.PATH;
  private static final String PAGE_SIZE = "50";

  private final ConsoleExchange exchange;

  AuditPages(ConsoleExchange exchange) {
    this.exchange = exchange;
  }

  void mount(Router router) {
    router.get(PATH + "/audit").handler(this::audit);
    router.get(PATH + "/expiring").handler(this::expiring);
  }

  private void audit(RoutingContext routing) {
    AdminActor actor = routing.get(ConsoleExchange.ACTOR);
    String org = actor.org().orElse(query(routing, "org"));
    AuditFilter filter = new AuditFilter(org, query(routing, "type"), query(routing, "category"),
        query(routing, "from"), query(routing, "to"),
        Arrays.stream(LoginFailureCategory.values()).map(LoginFailureCategory::code).toList());
    JsonObject params = new JsonObject().put("limit", PAGE_SIZE);
    put(params, "org", filter.org());
    put(params, "type", filter.type());
    put(params, "category", filter.category());
    put(params, "cursor", query(routing, "cursor"));
    try {
      put(params, "from", day(filter.from(), 0));
      put(params, "to", day(filter.to(), 1));
    } catch (DateTimeParseException notADate) {
      exchange.page(routing, 400, "console/problem.jte", Map.of("title", "Not possible",
          "detail", "Give the dates as year-month-day, such as 2027-01-31."));
      return;
    }
    exchange.call(routing, AdminContract.QUERY_AUDIT, params, new JsonObject()).onSuccess(page -> {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("filter", filter);
      model.put("events", objects(page.getJsonArray("items")).stream()
          .map(event -> AuditRow.of(event, hint(event))).toList());
      model.put("next", Optional.ofNullable(page.getString("next")).map(cursor -> nextPage(routing, cursor)));
      exchange.page(routing, 200, "console/audit.jte", model);
    });
  }

  /** The start of that day in UTC, or of the next one for the end of a range. */
  private static String day(String date, int plusDays) {
    return date.isEmpty() ? "" : LocalDate.parse(date).plusDays(plusDays).atStartOfDay().atOffset(ZoneOffset.UTC)
        .toString();
  }

  private static Optional<String> hint(JsonObject event) {
    String reason = event.getString("reason");
    return Arrays.stream(LoginReason.values()).filter(known -> known.code().equals(reason)).findFirst()
        .map(LoginErrorHints::hint);
  }

  private static String nextPage(RoutingContext routing, String cursor) {
    StringBuilder url = new StringBuilder(PATH + "/audit?");
    routing.queryParams().forEach((name, value) -> {
      if (!name.equals("cursor")) {
        url.append(encode(name)).append('=').append(encode(value)).append('&');
      }
    });
    return url.append("cursor=").append(encode(cursor)).toString();
  }

  private void expiring(RoutingContext routing) {
    exchange.call(routing, AdminContract.EXPIRING_CONNECTORS, new JsonObject().put("within", "P60D"),
            new JsonObject())
        .onSuccess(answer -> exchange.page(routing, 200, "console/expiring.jte", Map.of("connectors",
            objects(answer.getJsonArray("connectors")).stream().map(ExpiringRow::of).toList(), "days", 60)));
  }

  private static String query(RoutingContext routing, String name) {
    List<String> values = routing.queryParams().getAll(name);
    return values.size() == 1 ? values.get(0).trim() : "";
  }

  private static void put(JsonObject params, String name, String value) {
    if (!value.isEmpty()) {
      params.put(name, value);
    }
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
