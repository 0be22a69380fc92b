package io.ssobroker.app.console;

import io.ssobroker.app.console.view.ConnectorRow;
import io.ssobroker.app.console.view.DomainRow;
import io.ssobroker.app.console.view.FailureCount;
import io.ssobroker.app.console.view.FormProblem;
import io.ssobroker.app.console.view.Frame;
import io.ssobroker.app.console.view.OrgRow;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.http.BoundedBody;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin console on the admin port ({@code /console}): server-rendered pages over the same admin services as the
 * API, so that every change is the same request, with the same checks and the same audit event. Sessions are cookies
 * that are HttpOnly and {@code SameSite=Strict}; every form carries the session's CSRF token and must come from the
 * console's own origin; no page may be framed.
 */
public final class ConsoleRoutes {

  public static final String PATH = "/console";
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
  private static final String SESSION_COOKIE = "console_session";
  private static final String SIGN_IN_COOKIE = "console_sign_in";
  private static final String ACTOR = "consoleActor";
  private static final String SESSION = "consoleSession";
  private static final long MAX_FORM_BYTES = 64 * 1024;
  private static final int FAILURE_WINDOW_DAYS = 7;
  private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; "
      + "img-src 'self' https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final BusRequester bus;
  private final ConsoleTemplates templates;
  private final ConsoleSessions sessions;
  private final Clock clock;
  private final boolean demo;

  public ConsoleRoutes(BusRequester bus, ConsoleTemplates templates, Clock clock, boolean demo) {
    this.bus = bus;
    this.templates = templates;
    this.sessions = new ConsoleSessions(clock);
    this.clock = clock;
    this.demo = demo;
  }

  public void mount(Vertx vertx, Router router) {
    router.route(PATH + "*").handler(ConsoleRoutes::securityHeaders);
    router.get(PATH + "/assets/console.css").handler(routing -> routing.response()
        .putHeader("Content-Type", "text/css; charset=utf-8").putHeader("Cache-Control", "max-age=300")
        .sendFile("console/console.css"));
    router.post(PATH + "/*").handler(BoundedBody.limitedTo(MAX_FORM_BYTES));
    router.post(PATH + "/*").handler(ConsoleRoutes::refuseOtherOrigins);
    router.get(PATH + "/sign-in").handler(this::signInPage);
    router.post(PATH + "/sign-in").handler(this::signIn);
    router.route(PATH + "*").handler(this::requireSession);
    router.post(PATH + "/*").handler(ConsoleRoutes::requireCsrfToken);
    router.get(PATH).handler(this::home);
    router.post(PATH + "/sign-out").handler(this::signOut);
    router.get(PATH + "/orgs").handler(this::orgs);
    router.post(PATH + "/orgs").handler(this::createOrg);
    router.get(PATH + "/orgs/:org").handler(this::org);
  }

  private static void securityHeaders(RoutingContext routing) {
    routing.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Cache-Control", "no-store");
    routing.next();
  }

  /**
   * A browser names where a form came from (Origin, and Sec-Fetch-Site): a form of another site is refused before its
   * token is even read. The CSRF token still guards browsers that send neither.
   */
  private static void refuseOtherOrigins(RoutingContext routing) {
    String origin = routing.request().getHeader("Origin");
    String site = routing.request().getHeader("Sec-Fetch-Site");
    String host = routing.request().getHeader("Host");
    boolean otherOrigin = origin != null && !origin.equals("http://" + host) && !origin.equals("https://" + host);
    boolean otherSite = site != null && !site.equals("same-origin") && !site.equals("none");
    if (otherOrigin || otherSite) {
      LOG.warn("console: refused a form from another origin ({}, {})", origin, site);
      plainRefusal(routing, 403, "This form did not come from the console.");
      return;
    }
    routing.next();
  }

  private void signInPage(RoutingContext routing) {
    String csrf = Tokens.random();
    routing.response().addCookie(cookie(SIGN_IN_COOKIE, csrf));
    html(routing, 200, templates.render("console/signIn.jte",
        Map.of("csrfToken", csrf, "problem", Optional.empty(), "demo", demo)));
  }

  private void signIn(RoutingContext routing) {
    Cookie expected = routing.request().getCookie(SIGN_IN_COOKIE);
    String sent = field(routing, "csrf");
    if (expected == null || sent == null || !Tokens.constantTimeEquals(expected.getValue(), sent)) {
      plainRefusal(routing, 403, "This sign-in form has expired; open the sign-in page again.");
      return;
    }
    String token = Optional.ofNullable(field(routing, "token")).orElse("").trim();
    if (token.isEmpty() || token.length() > 512) {
      signInRefused(routing, expected.getValue(), "Enter an admin token.");
      return;
    }
    String tokenHash = hash(token);
    authenticate(tokenHash).onComplete(answer -> {
      if (answer.succeeded()) {
        ConsoleSession session = sessions.start(tokenHash);
        routing.response().removeCookie(SIGN_IN_COOKIE);
        routing.response().addCookie(cookie(SESSION_COOKIE, session.id()));
        LOG.info("console: {} signed in", answer.result().name());
        redirect(routing, PATH);
      } else if (ServiceFailure.of(answer.cause()) == ServiceFailure.UNAUTHENTICATED) {
        signInRefused(routing, expected.getValue(), "This token is unknown or revoked.");
      } else {
        plainRefusal(routing, 503, "The console cannot check tokens right now; try again in a moment.");
      }
    });
  }

  private void signInRefused(RoutingContext routing, String csrf, String problem) {
    html(routing, 401, templates.render("console/signIn.jte",
        Map.of("csrfToken", csrf, "problem", Optional.of(problem), "demo", demo)));
  }

  /** Every request of a session asks who its token is now: a revoked token ends the console session at once. */
  private void requireSession(RoutingContext routing) {
    Cookie cookie = routing.request().getCookie(SESSION_COOKIE);
    Optional<ConsoleSession> session = sessions.touch(cookie == null ? null : cookie.getValue());
    if (session.isEmpty()) {
      signedOut(routing);
      return;
    }
    authenticate(session.get().tokenHash()).onComplete(answer -> {
      if (answer.succeeded()) {
        routing.put(SESSION, session.get());
        routing.put(ACTOR, answer.result());
        routing.next();
      } else if (ServiceFailure.of(answer.cause()) == ServiceFailure.UNAUTHENTICATED) {
        sessions.end(session.get().id());
        signedOut(routing);
      } else {
        plainRefusal(routing, 503, "The console cannot check your session right now; try again in a moment.");
      }
    });
  }

  private static void signedOut(RoutingContext routing) {
    if (routing.request().method() == io.vertx.core.http.HttpMethod.GET) {
      redirect(routing, PATH + "/sign-in");
    } else {
      plainRefusal(routing, 401, "Your console session has ended; sign in again.");
    }
  }

  private static void requireCsrfToken(RoutingContext routing) {
    ConsoleSession session = routing.get(SESSION);
    String sent = field(routing, "csrf");
    if (sent == null || !Tokens.constantTimeEquals(session.csrfToken(), sent)) {
      plainRefusal(routing, 403, "This form has expired; open the page again.");
      return;
    }
    routing.next();
  }

  private void home(RoutingContext routing) {
    AdminActor actor = routing.get(ACTOR);
    redirect(routing, actor.org().map(org -> PATH + "/orgs/" + org).orElse(PATH + "/orgs"));
  }

  private void signOut(RoutingContext routing) {
    ConsoleSession session = routing.get(SESSION);
    sessions.end(session.id());
    routing.response().addCookie(cookie(SESSION_COOKIE, "").setMaxAge(0));
    redirect(routing, PATH + "/sign-in");
  }

  private void orgs(RoutingContext routing) {
    showOrgs(routing, 200, FormProblem.none());
  }

  private void showOrgs(RoutingContext routing, int status, FormProblem problem) {
    call(routing, AdminContract.LIST_ORGS, new JsonObject(), new JsonObject()).onSuccess(answer -> {
      List<OrgRow> orgs = objects(answer.getJsonArray("orgs")).stream().map(OrgRow::of)
          .sorted(Comparator.comparing(OrgRow::slug)).toList();
      page(routing, status, "console/orgs.jte", Map.of("orgs", orgs, "problem", problem));
    });
  }

  private void createOrg(RoutingContext routing) {
    Map<String, String> typed = form(routing, "slug", "name");
    JsonObject body = new JsonObject().put("slug", typed.get("slug"));
    if (!typed.get("name").isBlank()) {
      body.put("name", typed.get("name"));
    }
    call(routing, AdminContract.CREATE_ORG, new JsonObject(), body, failure -> showOrgs(routing, failure.status(),
        FormProblem.refused(failure.message(), FailureField.of(failure.message()), typed)))
        .onSuccess(created -> redirect(routing, PATH + "/orgs/" + created.getString("slug")));
  }

  private void org(RoutingContext routing) {
    String slug = routing.pathParam("org");
    JsonObject params = new JsonObject().put("org", slug);
    Future<JsonObject> org = call(routing, AdminContract.GET_ORG, params, new JsonObject());
    org.compose(found -> Future.all(
            call(routing, AdminContract.LIST_CONNECTORS, params, new JsonObject()),
            call(routing, AdminContract.LIST_DOMAINS, params, new JsonObject()),
            call(routing, AdminContract.QUERY_AUDIT, new JsonObject().put("org", slug).put("type", "login.failed")
                .put("from", clock.instant().minus(Duration.ofDays(FAILURE_WINDOW_DAYS)).toString())
                .put("limit", "1000"), new JsonObject()))
        .onSuccess(all -> {
          Map<String, Object> model = new LinkedHashMap<>();
          model.put("org", OrgRow.of(found));
          model.put("connectors", objects(all.<JsonObject>resultAt(0).getJsonArray("connectors")).stream()
              .map(ConnectorRow::of).toList());
          model.put("domains", objects(all.<JsonObject>resultAt(1).getJsonArray("domains")).stream()
              .map(DomainRow::of).toList());
          model.put("failures", failuresByCategory(all.<JsonObject>resultAt(2).getJsonArray("items")));
          model.put("failureWindowDays", FAILURE_WINDOW_DAYS);
          page(routing, 200, "console/org.jte", model);
        }));
  }

  private static List<FailureCount> failuresByCategory(JsonArray events) {
    Map<String, Long> counts = objects(events).stream()
        .collect(Collectors.groupingBy(event -> event.getString("category", "UNKNOWN"), TreeMap::new,
            Collectors.counting()));
    return counts.entrySet().stream().map(entry -> new FailureCount(entry.getKey(), entry.getValue())).toList();
  }

  /** A refusal of the service, as a form shows it. */
  private record Refusal(int status, String message) {}

  private Future<JsonObject> call(RoutingContext routing, String address, JsonObject params, JsonObject body) {
    return call(routing, address, params, body, refusal -> page(routing, refusal.status(), "console/problem.jte",
        Map.of("title", refusal.status() == 404 ? "Not found" : "Not possible", "detail", refusal.message())));
  }

  /**
   * Asks the service that owns the resource, as the API would for this admin; a refusal is handed to the page that
   * shows it, and the returned future then never completes for the caller's success steps.
   */
  private Future<JsonObject> call(RoutingContext routing, String address, JsonObject params, JsonObject body,
      java.util.function.Consumer<Refusal> refused) {
    AdminActor actor = routing.get(ACTOR);
    return bus.request(address, new AdminRequest(actor, params, body).toJson()).onFailure(failure -> {
      if (routing.response().ended()) {
        return;
      }
      ServiceFailure kind = ServiceFailure.of(failure);
      String message = kind == ServiceFailure.INTERNAL || !(failure instanceof ServiceException)
          ? "The request failed; try again in a moment." : failure.getMessage();
      refused.accept(new Refusal(kind.httpStatus(), message));
    });
  }

  private void page(RoutingContext routing, int status, String template, Map<String, Object> model) {
    if (routing.response().ended()) {
      return;
    }
    ConsoleSession session = routing.get(SESSION);
    AdminActor actor = routing.get(ACTOR);
    Map<String, Object> parameters = new LinkedHashMap<>(model);
    parameters.put("frame", new Frame(actor.name(), actor.org(), session.csrfToken(), demo));
    html(routing, status, templates.render(template, parameters));
  }

  private Future<AdminActor> authenticate(String tokenHash) {
    return bus.request(AdminContract.AUTHENTICATE, new JsonObject().put("tokenHash", tokenHash))
        .map(AdminActor::fromJson);
  }

  private static Map<String, String> form(RoutingContext routing, String... names) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : names) {
      values.put(name, Optional.ofNullable(field(routing, name)).orElse("").trim());
    }
    return values;
  }

  /** A field of the posted form; a field sent twice counts as not sent. */
  private static String field(RoutingContext routing, String name) {
    List<String> values = BoundedBody.form(routing).getAll(name);
    return values.size() == 1 ? values.get(0) : null;
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array == null ? List.of() : array.stream().map(JsonObject.class::cast).toList();
  }

  private static String hash(String token) {
    return Base64.getEncoder().encodeToString(Tokens.sha256(token));
  }

  private static Cookie cookie(String name, String value) {
    return Cookie.cookie(name, value).setPath(PATH).setHttpOnly(true).setSameSite(CookieSameSite.STRICT);
  }

  private static void redirect(RoutingContext routing, String location) {
    routing.response().setStatusCode(303).putHeader("Location", location).end();
  }

  private static void html(RoutingContext routing, int status, String page) {
    routing.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(page);
  }

  private static void plainRefusal(RoutingContext routing, int status, String message) {
    routing.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
  }
}
