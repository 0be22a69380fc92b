package io.ssobroker.app.console;

import static io.ssobroker.app.console.ConsoleExchange.field;
import static io.ssobroker.app.console.ConsoleExchange.html;
import static io.ssobroker.app.console.ConsoleExchange.plainRefusal;
import static io.ssobroker.app.console.ConsoleExchange.redirect;

import io.ssobroker.app.console.view.Frame;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.http.BoundedBody;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
  private static final long MAX_FORM_BYTES = 64 * 1024;
  private static final long MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
  private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; "
      + "img-src 'self' https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final BusRequester bus;
  private final ConsoleExchange exchange;
  private final ConsoleSessions sessions;
  private final Clock clock;
  private final URI publicBaseUrl;
  private final URI consoleUrl;
  private ConsoleSso sso;

  public ConsoleRoutes(BusRequester bus, ConsoleTemplates templates, Clock clock, URI publicBaseUrl, URI consoleUrl,
      boolean demo) {
    this.bus = bus;
    this.exchange = new ConsoleExchange(bus, templates, demo);
    this.sessions = new ConsoleSessions(clock);
    this.clock = clock;
    this.publicBaseUrl = publicBaseUrl;
    this.consoleUrl = consoleUrl;
  }

  public void mount(Vertx vertx, Router router) {
    sso = new ConsoleSso(vertx, bus, clock, publicBaseUrl, consoleUrl);
    router.route(PATH + "*").handler(ConsoleRoutes::securityHeaders);
    router.get(PATH + "/assets/console.css").handler(routing -> routing.response()
        .putHeader("Content-Type", "text/css; charset=utf-8").putHeader("Cache-Control", "max-age=300")
        .sendFile("console/console.css"));
    router.get(PATH + "/assets/console.js").handler(routing -> routing.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").putHeader("Cache-Control", "max-age=300")
        .sendFile("console/console.js"));
    BoundedBody forms = BoundedBody.limitedTo(MAX_FORM_BYTES);
    router.post(PATH + "/*").handler(routing -> {
      if (isUpload(routing)) {
        routing.request().pause();
        routing.next();
      } else {
        forms.handle(routing);
      }
    });
    router.post(PATH + "/*").handler(ConsoleRoutes::refuseOtherOrigins);
    router.get(PATH + "/sign-in").handler(this::signInPage);
    router.post(PATH + "/sign-in").handler(this::signIn);
    router.get(PATH + "/sso").handler(this::startSso);
    router.get(PATH + "/sso/callback").handler(this::finishSso);
    router.get(PATH + "/setup/:token").handler(this::setupPage);
    router.post(PATH + "/setup").handler(this::openSetupLink);
    router.route(PATH + "*").handler(this::requireSession);
    router.post(UserImportPages.UPLOAD_PATH).handler(new ConsoleUpload(MAX_UPLOAD_BYTES)::read);
    router.post(PATH + "/*").handler(ConsoleRoutes::requireCsrfToken);
    router.get(PATH).handler(this::home);
    router.post(PATH + "/sign-out").handler(this::signOut);
    new OrgPages(exchange, clock).mount(router);
    new ConnectorPages(exchange, publicBaseUrl).mount(router);
    new AuditPages(exchange).mount(router);
    new UserPages(exchange, bus).mount(router);
    new SetupLinkPages(exchange).mount(router);
    new ClientPages(exchange).mount(router);
    new UserImportPages(exchange, new UserImportJobs(bus, clock)).mount(router);
  }

  /** A file upload is read after the session was checked, so that nobody without one has a body buffered. */
  private static boolean isUpload(RoutingContext routing) {
    String path = routing.request().path();
    return path.startsWith(PATH + "/orgs/") && path.endsWith("/users/import");
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
    String host = authority(routing);
    boolean otherOrigin = origin != null && !origin.equals("http://" + host) && !origin.equals("https://" + host);
    boolean otherSite = site != null && !site.equals("same-origin") && !site.equals("none");
    if (otherOrigin || otherSite) {
      LOG.warn("console: refused a form from another origin ({}, {})", origin, site);
      plainRefusal(routing, 403, "This form did not come from the console.");
      return;
    }
    routing.next();
  }

  /** The host and port the browser asked for, from {@code Host} (HTTP/1.1) or {@code :authority} (HTTP/2). */
  static String authority(RoutingContext routing) {
    io.vertx.core.net.HostAndPort authority = routing.request().authority();
    if (authority == null) {
      return null;
    }
    return authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
  }

  private void signInPage(RoutingContext routing) {
    String csrf = Tokens.random();
    routing.response().addCookie(cookie(SIGN_IN_COOKIE, csrf));
    html(routing, 200, exchange.render("console/signIn.jte",
        Map.of("csrfToken", csrf, "problem", Optional.empty(), "ssoProblem", Optional.empty(),
            "demo", exchange.demo())));
  }

  private void signIn(RoutingContext routing) {
    Optional<String> expected = signInFormToken(routing);
    if (expected.isEmpty()) {
      plainRefusal(routing, 403, "This sign-in form has expired; open the sign-in page again.");
      return;
    }
    String token = Optional.ofNullable(field(routing, "token")).orElse("").trim();
    if (token.isEmpty() || token.length() > 512) {
      signInRefused(routing, expected.get(), "Enter an admin token.");
      return;
    }
    String tokenHash = AdminContract.tokenHash(token);
    authenticate(tokenHash).onComplete(answer -> {
      if (answer.succeeded()) {
        ConsoleSession session = sessions.start(tokenHash);
        routing.response().removeCookie(SIGN_IN_COOKIE);
        routing.response().addCookie(cookie(SESSION_COOKIE, session.id()));
        LOG.info("console: {} signed in", answer.result().name());
        redirect(routing, PATH);
      } else if (ServiceFailure.of(answer.cause()) == ServiceFailure.UNAUTHENTICATED) {
        signInRefused(routing, expected.get(), "This token is unknown or revoked.");
      } else {
        plainRefusal(routing, 503, "The console cannot check tokens right now; try again in a moment.");
      }
    });
  }

  /**
   * The double-submit value of a form posted before any session exists (sign-in, opening a setup link): the cookie
   * its page set and the form's field must agree.
   */
  private static Optional<String> signInFormToken(RoutingContext routing) {
    Cookie expected = routing.request().getCookie(SIGN_IN_COOKIE);
    String sent = field(routing, "csrf");
    return expected != null && sent != null && Tokens.constantTimeEquals(expected.getValue(), sent)
        ? Optional.of(expected.getValue()) : Optional.empty();
  }

  private void signInRefused(RoutingContext routing, String csrf, String problem) {
    html(routing, 401, exchange.render("console/signIn.jte",
        Map.of("csrfToken", csrf, "problem", Optional.of(problem), "ssoProblem", Optional.empty(),
            "demo", exchange.demo())));
  }

  /**
   * A setup link only shows a button: link scanners and mail previews fetch what a message links to, and a GET that
   * used up the link would leave nothing for the IT admin.
   */
  private void setupPage(RoutingContext routing) {
    String csrf = Tokens.random();
    routing.response().addCookie(cookie(SIGN_IN_COOKIE, csrf));
    html(routing, 200, exchange.render("console/setupStart.jte",
        Map.of("token", routing.pathParam("token"), "csrfToken", csrf, "problem", Optional.empty())));
  }

  /**
   * Opens a setup link, once: its console session authenticates with the hash of a secret that only this process
   * ever held and forgot at once, so the session is the link's only credential and cannot be replayed elsewhere.
   */
  private void openSetupLink(RoutingContext routing) {
    if (signInFormToken(routing).isEmpty()) {
      plainRefusal(routing, 403, "This setup form has expired; open the setup link again.");
      return;
    }
    String token = Optional.ofNullable(field(routing, "token")).orElse("").trim();
    if (token.isEmpty() || token.length() > 512) {
      setupRefused(routing, 404, "This setup link is unknown.");
      return;
    }
    String sessionHash = AdminContract.tokenHash(Tokens.random());
    bus.request(AdminContract.REDEEM_SETUP_LINK, new JsonObject().put("linkHash", AdminContract.tokenHash(token))
        .put("sessionHash", sessionHash)).map(AdminActor::fromJson).onComplete(answer -> {
          if (answer.succeeded()) {
            ConsoleSession session = sessions.start(sessionHash);
            routing.response().removeCookie(SIGN_IN_COOKIE);
            routing.response().addCookie(cookie(SESSION_COOKIE, session.id()));
            LOG.info("console: {} was opened", answer.result().name());
            redirect(routing, PATH + "/orgs/" + answer.result().org().orElseThrow());
          } else {
            ServiceFailure kind = ServiceFailure.of(answer.cause());
            if (kind == ServiceFailure.NOT_FOUND || kind == ServiceFailure.CONFLICT
                || kind == ServiceFailure.UNAUTHENTICATED) {
              setupRefused(routing, kind == ServiceFailure.CONFLICT ? 409 : 404,
                  kind == ServiceFailure.UNAUTHENTICATED ? "This setup link is unknown." : answer.cause().getMessage());
            } else {
              plainRefusal(routing, 503, "The console cannot open setup links right now; try again in a moment.");
            }
          }
        });
  }

  private void setupRefused(RoutingContext routing, int status, String problem) {
    String shown = problem.endsWith(".") ? problem : problem + ".";
    html(routing, status, exchange.render("console/setupStart.jte", Map.of("token", "", "csrfToken", "",
        "problem", Optional.of(Character.toUpperCase(shown.charAt(0)) + shown.substring(1)))));
  }

  /** Every request of a session asks who its token is now: a revoked token ends the console session at once. */
  private void requireSession(RoutingContext routing) {
    Cookie cookie = routing.request().getCookie(SESSION_COOKIE);
    Optional<ConsoleSession> session = sessions.touch(cookie == null ? null : cookie.getValue());
    if (session.isEmpty()) {
      signedOut(routing);
      return;
    }
    whoIs(session.get()).onComplete(answer -> {
      if (answer.succeeded()) {
        routing.put(ConsoleExchange.SESSION, session.get());
        routing.put(ConsoleExchange.ACTOR, answer.result());
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
    ConsoleSession session = routing.get(ConsoleExchange.SESSION);
    String sent = field(routing, "csrf");
    if (sent == null || !Tokens.constantTimeEquals(session.csrfToken(), sent)) {
      plainRefusal(routing, 403, "This form has expired; open the page again.");
      return;
    }
    routing.next();
  }

  private void home(RoutingContext routing) {
    AdminActor actor = routing.get(ConsoleExchange.ACTOR);
    redirect(routing, actor.org().map(org -> PATH + "/orgs/" + org).orElse(PATH + "/orgs"));
  }

  private void signOut(RoutingContext routing) {
    ConsoleSession session = routing.get(ConsoleExchange.SESSION);
    sessions.end(session.id());
    routing.response().addCookie(cookie(SESSION_COOKIE, "").setMaxAge(0));
    redirect(routing, PATH + "/sign-in");
  }

  /** The admin a session is now: its token or link asked of the registry, its directory user of the directory. */
  private Future<AdminActor> whoIs(ConsoleSession session) {
    if (session.directoryUser().isEmpty()) {
      return authenticate(session.tokenHash());
    }
    return bus.request(DirectoryContract.CONSOLE_ADMIN, new JsonObject().put("userId",
            session.directoryUser().get().toString())).map(AdminActor::fromJson)
        .recover(failure -> Future.failedFuture(ServiceFailure.of(failure) == ServiceFailure.NOT_FOUND
            ? new ServiceException(ServiceFailure.UNAUTHENTICATED, "no longer an admin") : failure));
  }

  /** Sends the browser to the broker's provider; an email given goes along as the login hint, to its org's IdP. */
  private void startSso(RoutingContext routing) {
    Optional<String> email = Optional.ofNullable(routing.queryParams().get("email")).map(String::trim)
        .filter(typed -> !typed.isEmpty() && typed.length() <= 320);
    ConsoleSso.Start start = sso.start(email);
    routing.response().addCookie(start.binding());
    redirect(routing, start.authorization().toString());
  }

  /**
   * The provider's answer. The session cookie is {@code SameSite=Strict}, so a browser arriving here at the end of
   * redirects from the org's IdP would not send it on a redirect; a page that moves on by itself starts a same-site
   * navigation that does.
   */
  private void finishSso(RoutingContext routing) {
    Cookie bindingCookie = routing.request().getCookie(ConsoleSso.BINDING_COOKIE);
    String binding = bindingCookie == null ? null : bindingCookie.getValue();
    routing.response().removeCookie(ConsoleSso.BINDING_COOKIE);
    String error = routing.queryParams().get("error");
    if (error != null) {
      ssoRefused(routing, "access_denied".equals(error) || "login_required".equals(error)
          ? "Single sign-on did not let you in; check with your organization's IT that you may use the console."
          : "Single sign-on did not complete (" + (error.matches("[a-z_]{1,40}") ? error : "error") + "); start again.");
      return;
    }
    sso.finish(routing.queryParams().get("state"), routing.queryParams().get("code"), binding).onComplete(answer -> {
          if (answer.succeeded()) {
            ConsoleSession session = sessions.startFor(answer.result().tokenId());
            routing.response().addCookie(cookie(SESSION_COOKIE, session.id()));
            LOG.info("console: {} signed in through single sign-on as an admin of {}", answer.result().name(),
                answer.result().org().orElse(""));
            html(routing, 200, exchange.render("console/signedIn.jte", Map.of()));
          } else {
            ssoRefused(routing, answer.cause() instanceof ConsoleSso.Refused ? answer.cause().getMessage()
                : "The console cannot complete single sign-on right now; try again in a moment.");
          }
        });
  }

  private void ssoRefused(RoutingContext routing, String problem) {
    String csrf = Tokens.random();
    routing.response().addCookie(cookie(SIGN_IN_COOKIE, csrf));
    html(routing, 403, exchange.render("console/signIn.jte", Map.of("csrfToken", csrf, "problem", Optional.empty(),
        "ssoProblem", Optional.of(problem), "demo", exchange.demo())));
  }

  private Future<AdminActor> authenticate(String tokenHash) {
    return bus.request(AdminContract.AUTHENTICATE, new JsonObject().put("tokenHash", tokenHash))
        .map(AdminActor::fromJson);
  }

  private static Cookie cookie(String name, String value) {
    return Cookie.cookie(name, value).setPath(PATH).setHttpOnly(true).setSameSite(CookieSameSite.STRICT);
  }

}
