package io.ssobroker.edge.internal.web;

import static io.ssobroker.edge.internal.web.Responses.html;
import static io.ssobroker.edge.internal.web.Responses.json;
import static io.ssobroker.edge.internal.web.Responses.unavailable;
import static io.ssobroker.edge.internal.web.Responses.wantsJson;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import io.ssobroker.edge.connector.saml.ServiceProvider;
import io.ssobroker.edge.internal.EdgeAuditTrail;
import io.ssobroker.edge.internal.connector.CallbackParameters;
import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.edge.internal.login.LoginFlow;
import io.ssobroker.edge.internal.login.ReturnTargets;
import io.ssobroker.edge.internal.provider.Authorizations;
import io.ssobroker.edge.internal.provider.AuthorizeOutcome;
import io.ssobroker.edge.internal.provider.EndSessions;
import io.ssobroker.edge.internal.provider.ProviderEndpoints;
import io.ssobroker.edge.internal.provider.ProviderRoutes;
import io.ssobroker.edge.internal.session.ActiveSessions;
import io.ssobroker.edge.internal.session.Session;
import io.ssobroker.edge.internal.session.SessionEndTrigger;
import io.ssobroker.edge.internal.session.SessionEndings;
import io.ssobroker.edge.internal.state.StateSealer;
import io.ssobroker.edge.internal.web.Pages.Notice;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.http.BoundedBody;
import io.ssobroker.platform.http.CorrelationIdHandler;
import io.ssobroker.platform.http.PortGuard;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The routes of the public port (SPEC sections 5 and 11) and how each answers. */
public final class PublicRouter {

  private static final Logger LOG = LoggerFactory.getLogger(PublicRouter.class);
  private static final long MAX_FORM_BYTES = 16 * 1024;
  /** Signed responses with many attributes or a certificate chain stay far below this; a bigger post is 413. */
  private static final long MAX_SAML_POST_BYTES = 512 * 1024;
  private static final String SAML_METADATA_TYPE = "application/samlmetadata+xml";
  /** Nothing but the edge's own stylesheet: no script, no inline style, no frame, no other origin. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; img-src https:; frame-ancestors 'none'; base-uri 'none'";
  private static final String INVALID_EMAIL = "sign_in.invalid_email";

  private final LoginFlow logins;
  private final String serviceProviderMetadata;
  private final CachedRegistry registry;
  private final Brands brands;
  private final SessionEndings endings;
  private final EndSessions endSessions;
  private final Cookies cookies;
  private final LoginRateLimiter rateLimiter;
  private final ActiveSessions activeSessions;
  private final StateSealer sealer;
  private final Authorizations authorizations;
  private final ProviderRoutes provider;
  private final TestApp testApp;
  private final LandingPage landing;
  private final LoginAnswers answers;
  private final LoginStarts starts;
  private final ApiKeyRoutes apiKeys;
  private final ForgotPassword forgotPassword;

  /** The parts of the public port that sign users in, for the broker and its products. */
  public record Logins(LoginFlow flow, StateSealer sealer, ReturnTargets returnTargets, Authorizations authorizations,
      ProviderRoutes provider, EndSessions endSessions) {}

  public PublicRouter(Logins logins, String serviceProviderMetadata, CachedRegistry registry,
      ActiveSessions activeSessions, SessionEndings endings, Cookies cookies, LoginRateLimiter rateLimiter,
      BusRequester bus, URI publicBaseUrl, TestApp testApp, LandingPage landing) {
    this.logins = logins.flow();
    this.serviceProviderMetadata = serviceProviderMetadata;
    this.registry = registry;
    this.activeSessions = activeSessions;
    this.endings = endings;
    this.endSessions = logins.endSessions();
    this.cookies = cookies;
    this.rateLimiter = rateLimiter;
    this.sealer = logins.sealer();
    this.authorizations = logins.authorizations();
    this.provider = logins.provider();
    this.brands = new Brands(registry);
    this.answers = new LoginAnswers(cookies, logins.sealer(), brands);
    this.starts = new LoginStarts(logins.flow(), registry, logins.returnTargets(), cookies, answers);
    this.testApp = testApp;
    this.landing = landing;
    this.apiKeys = new ApiKeyRoutes(activeSessions, cookies, bus, publicBaseUrl);
    this.forgotPassword = new ForgotPassword(registry);
  }

  /**
   * Serves the routes on this server: a request whose address or framing is malformed is refused (an HTML page, or
   * JSON for a client that asks for it) before any route reads it.
   */
  public HttpServer serve(Vertx vertx, HttpServer server) {
    return PortGuard.mount(server, router(vertx), PublicRouter::refuseEarly);
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(new CorrelationIdHandler());
    router.route().handler(PublicRouter::securityHeaders);
    // before the general body handler, which would refuse a real SAML response as too large
    router.post(ServiceProvider.ACS_PATH).handler(BoundedBody.limitedTo(MAX_SAML_POST_BYTES))
        .handler(this::assertionConsumer).failureHandler(this::assertionConsumerRefused);
    router.post().handler(BoundedBody.limitedTo(MAX_FORM_BYTES));
    router.get(ServiceProvider.METADATA_PATH).handler(this::serviceProviderMetadata);
    router.route("/login").handler(this::limitStarts);
    router.route("/o/:org/login/:connectorId").handler(this::limitStarts);
    router.route(ProviderEndpoints.AUTHORIZE_PATH).handler(this::limitStarts);
    router.get(ProviderEndpoints.AUTHORIZE_PATH).handler(this::authorize);
    router.post(ProviderEndpoints.AUTHORIZE_PATH).handler(this::authorize);
    provider.mount(router);
    router.get("/").handler(landing::handle);
    router.get("/login").handler(this::loginPage);
    router.post("/login").handler(this::loginPage);
    router.get("/login/callback").handler(this::callback);
    router.get(LoginAnswers.ERROR_PATH).handler(answers::errorPage);
    router.get(Stylesheet.PATH).handler(Stylesheet::handle);
    router.get(Brand.ACCENT_PATH + ":file").handler(Stylesheet::accent);
    router.get("/o/:org/login").handler(this::orgLoginPage);
    router.get("/o/:org/login/:connectorId").handler(this::orgConnectorLogin);
    router.get("/session").handler(this::session);
    router.post("/logout").handler(this::logout);
    router.get(ProviderEndpoints.END_SESSION_PATH).handler(this::endSession);
    router.post(ProviderEndpoints.END_SESSION_PATH).handler(this::endSession);
    testApp.mount(router, brands);
    apiKeys.mount(router);
    router.route("/password/forgot").handler(this::limitStarts);
    router.post("/password/forgot").handler(forgotPassword::handle);
    router.route().handler(routing -> html(routing, 404, Pages.message(Texts.of(routing.request()), Notice.NOT_FOUND)));
    router.route().failureHandler(PublicRouter::unexpected);
    return router;
  }

  /** Login starts (an email to route, or a connector to use) cost a token of the client's bucket. */
  private void limitStarts(RoutingContext routing) {
    boolean start = routing.pathParam("connectorId") != null || parameter(routing, "email") != null
        || parameter(routing, "login_hint") != null;
    if (!start || rateLimiter.allow(routing.request().remoteAddress().hostAddress())) {
      routing.next();
      return;
    }
    routing.response().putHeader("Retry-After", "10");
    if (wantsJson(routing)) {
      json(routing, 429, new JsonObject().put("error", "too_many_requests")
          .put("message", Texts.ENGLISH.text(Notice.TOO_MANY_STARTS.text())));
    } else {
      html(routing, 429, Pages.message(Texts.of(routing.request()), Notice.TOO_MANY_STARTS));
    }
  }

  private void loginPage(RoutingContext routing) {
    Optional<LoginTarget> target = loginTarget(routing);
    if (target.isEmpty()) {
      return;
    }
    Texts texts = Texts.of(routing.request());
    String rawEmail = parameter(routing, "email");
    if (rawEmail == null || rawEmail.isBlank()) {
      html(routing, 200, Pages.emailForm(texts, target.get(), Optional.empty(), Optional.empty()));
      return;
    }
    Optional<EmailAddress> email = EmailAddress.parse(rawEmail);
    if (email.isEmpty()) {
      if (wantsJson(routing)) {
        json(routing, 400, new JsonObject().put("error", "invalid_email")
            .put("message", Texts.ENGLISH.text(INVALID_EMAIL)));
      } else {
        html(routing, 400, Pages.emailForm(texts, target.get(), Optional.of(rawEmail), Optional.of(INVALID_EMAIL)));
      }
      return;
    }
    starts.withEmail(routing, email.get(), target.get());
  }

  /**
   * Where the login being started is to end. A login for a product carries its sealed authorization request; one that
   * no longer opens has expired, and is answered here with the page that says so (the result is then empty).
   */
  private Optional<LoginTarget> loginTarget(RoutingContext routing) {
    String sealed = parameter(routing, "authorization");
    if (sealed == null) {
      return Optional.of(LoginTarget.returningTo(Optional.ofNullable(parameter(routing, "return_to"))));
    }
    Optional<LoginTarget> target = sealer.openAuthorization(sealed)
        .map(authorization -> LoginTarget.forProduct(authorization, sealed));
    if (target.isEmpty()) {
      html(routing, 400, Pages.message(Texts.of(routing.request()), Notice.SIGN_IN_EXPIRED));
    }
    return target;
  }

  /**
   * A product's authorization request (SPEC section 11): answered at once with a code (or an error) when the
   * browser's broker session serves it; otherwise the login starts, straight at the IdP of a {@code login_hint}'s
   * domain, else at the email page, and ends with the code.
   */
  private void authorize(RoutingContext routing) {
    String encoded = routing.request().method() == HttpMethod.POST ? BoundedBody.of(routing).toString()
        : Optional.ofNullable(routing.request().query()).orElse("");
    authorizations.authorize(URLUtils.parseParameters(encoded), cookies.session(routing.request()), Callers.of(routing))
        .onComplete(result -> {
          if (result.failed()) {
            unavailable(routing, result.cause());
          } else if (result.result() instanceof AuthorizeOutcome.Redirect redirect) {
            LoginAnswers.redirect(routing, redirect.location());
          } else if (result.result() instanceof AuthorizeOutcome.ErrorPage page) {
            html(routing, 400, Pages.authorizeRefused(Texts.of(routing.request()), page.refusal(), page.reference()));
          } else if (result.result() instanceof AuthorizeOutcome.SignIn signIn) {
            LoginTarget target = LoginTarget.forProduct(signIn.authorization(),
                sealer.sealAuthorization(signIn.authorization()));
            if (signIn.loginHint().isPresent()) {
              starts.withEmail(routing, signIn.loginHint().get(), target);
            } else {
              html(routing, 200, Pages.emailForm(Texts.of(routing.request()), target, Optional.empty(),
                  Optional.empty()));
            }
          }
        });
  }

  private void orgLoginPage(RoutingContext routing) {
    String org = routing.pathParam("org");
    Texts texts = Texts.of(routing.request());
    if (!OrgSlug.isValid(org)) {
      html(routing, 404, Pages.message(texts, Notice.NO_SUCH_ORG));
      return;
    }
    Optional<LoginTarget> target = loginTarget(routing);
    if (target.isEmpty()) {
      return;
    }
    registry.org(org).compose(summary -> summary.isEmpty()
            ? Future.succeededFuture((Page) null)
            : registry.activeConnectorsForOrg(org).map(connectors ->
                Pages.orgConnectors(texts, Brand.of(summary.get()), org, connectors, target.get())))
        .onSuccess(page -> {
          if (page == null) {
            html(routing, 404, Pages.message(texts, Notice.NO_SUCH_ORG));
          } else {
            html(routing, 200, page);
          }
        })
        .onFailure(failure -> unavailable(routing, failure));
  }

  private void orgConnectorLogin(RoutingContext routing) {
    String org = routing.pathParam("org");
    UUID connectorId;
    try {
      connectorId = UUID.fromString(routing.pathParam("connectorId"));
    } catch (IllegalArgumentException notAnId) {
      html(routing, 404, Pages.message(Texts.of(routing.request()), Notice.NO_SUCH_METHOD));
      return;
    }
    Optional<LoginTarget> target = loginTarget(routing);
    if (target.isEmpty()) {
      return;
    }
    registry.connectorById(connectorId).onComplete(found -> {
      if (found.failed()) {
        unavailable(routing, found.cause());
        return;
      }
      Optional<ConnectorDescriptor> connector = found.result()
          .filter(c -> c.org().equals(org) && c.state() == ConnectorState.ACTIVE);
      if (connector.isEmpty()) {
        html(routing, 404, Pages.message(Texts.of(routing.request()), Notice.NO_SUCH_METHOD));
      } else {
        starts.withConnector(routing, connector.get(), Optional.empty(), target.get());
      }
    });
  }

  private void callback(RoutingContext routing) {
    logins.callback(CallbackParameters.of(routing.queryParams()), cookies.existingBrowserBinding(routing.request()),
            Callers.of(routing))
        .onComplete(outcome -> answers.answerIdp(routing, outcome));
  }

  /** The IdP's HTTP-POST back: a cross-site POST, which carries the binding cookie as {@link Cookies} explains. */
  private void assertionConsumer(RoutingContext routing) {
    logins.assertionConsumer(formField(routing, "SAMLResponse"), formField(routing, "RelayState"),
            cookies.existingBrowserBinding(routing.request()), Callers.of(routing))
        .onComplete(outcome -> answers.answerIdp(routing, outcome));
  }

  private void serviceProviderMetadata(RoutingContext routing) {
    routing.response().putHeader(HttpHeaders.CONTENT_TYPE, SAML_METADATA_TYPE)
        .putHeader("Cache-Control", "public, max-age=3600")
        .end(serviceProviderMetadata);
  }

  private static Optional<String> formField(RoutingContext routing, String name) {
    var values = BoundedBody.form(routing).getAll(name);
    return values.size() == 1 && !values.get(0).isEmpty() ? Optional.of(values.get(0)) : Optional.empty();
  }

  /** A parameter of the posted form, else of the query. */
  private static String parameter(RoutingContext routing, String name) {
    String posted = BoundedBody.form(routing).get(name);
    return posted != null ? posted : routing.queryParams().get(name);
  }

  /**
   * A post to the ACS that is refused before its SAMLResponse is read (larger than the ACS takes): a failed login with
   * the category page, answered 413 whatever the framing of the body.
   */
  private void assertionConsumerRefused(RoutingContext routing) {
    if (routing.statusCode() != 413 || routing.response().ended()) {
      routing.next();
      return;
    }
    logins.refusedAsTooLarge(Callers.of(routing)).onComplete(outcome -> answers.answer(routing, outcome, 413));
  }

  private void session(RoutingContext routing) {
    currentSession(routing).onComplete(found -> {
      if (found.failed()) {
        unavailable(routing, found.cause());
      } else if (found.result().isEmpty()) {
        json(routing, 401, new JsonObject().put("error", "not_authenticated"));
      } else {
        json(routing, 200, found.result().get().toJson());
      }
    });
  }

  /** The broker's own sign-out: the session ends, and every product that holds tokens of it is told. */
  private void logout(RoutingContext routing) {
    Optional<String> cookie = cookies.session(routing.request());
    cookies.clearSession(routing);
    testApp.clearCookies(routing);
    Future<?> ended = cookie.isEmpty() ? Future.succeededFuture()
        : endings.byCookie(cookie.get(), SessionEndTrigger.LOGOUT, Optional.empty(), Callers.of(routing));
    ended.onComplete(done -> {
      if (done.failed()) {
        unavailable(routing, done.cause());
      } else if (wantsJson(routing)) {
        routing.response().setStatusCode(204).end();
      } else {
        routing.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, "/test-app").end();
      }
    });
  }

  /**
   * A product's sign-out (RP-Initiated Logout 1.0): with a valid {@code id_token_hint} at once, else after the user
   * confirms on the broker's page, whose form posts back here with {@code confirm}.
   */
  private void endSession(RoutingContext routing) {
    boolean posted = routing.request().method() == HttpMethod.POST;
    String encoded = posted ? BoundedBody.of(routing).toString()
        : Optional.ofNullable(routing.request().query()).orElse("");
    Map<String, List<String>> parameters = new java.util.HashMap<>(URLUtils.parseParameters(encoded));
    boolean confirmed = posted && parameters.containsKey("confirm");
    parameters.remove("confirm");
    Optional<String> cookie = cookies.session(routing.request());
    endSessions.endSession(parameters, cookie, confirmed, Callers.of(routing)).onComplete(result -> {
      if (result.failed()) {
        unavailable(routing, result.cause());
      } else if (result.result() instanceof EndSessions.Outcome.Refused refused) {
        html(routing, 400, Pages.signOutRefused(Texts.of(routing.request()), refused.refusal()));
      } else if (result.result() instanceof EndSessions.Outcome.Confirm confirm) {
        html(routing, 200, Pages.confirmSignOut(Texts.of(routing.request()), ProviderEndpoints.END_SESSION_PATH,
            confirm.fields()));
      } else if (result.result() instanceof EndSessions.Outcome.SignedOut signedOut) {
        cookies.clearSession(routing);
        testApp.clearCookies(routing);
        if (signedOut.redirect().isPresent()) {
          LoginAnswers.redirect(routing, signedOut.redirect().get().toString());
        } else {
          html(routing, 200, Pages.message(Texts.of(routing.request()), Notice.SIGNED_OUT));
        }
      }
    });
  }

  private Future<Optional<Session>> currentSession(RoutingContext routing) {
    return cookies.session(routing.request()).map(activeSessions::find)
        .orElse(Future.succeededFuture(Optional.empty()));
  }

  private static void securityHeaders(RoutingContext routing) {
    routing.response()
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    routing.next();
  }

  /**
   * A request that failed outside the routes' own answers. A client's mistake (malformed or oversized body, unsupported
   * expectation) is a 4xx logged as one WARN line; only a failure of the broker itself is an ERROR with its trace.
   */
  private static void unexpected(RoutingContext routing) {
    int status = routing.statusCode() >= 400 ? routing.statusCode() : 500;
    if (status >= 500) {
      LOG.error("unexpected failure on {}", routing.request().path(), routing.failure());
    } else {
      LOG.warn("refused {} {}: {}{}", routing.request().method(), routing.request().path(), status,
          routing.failure() == null ? "" : " " + routing.failure().getMessage());
    }
    if (routing.response().ended()) {
      return;
    }
    refuse(routing, status);
  }

  /** Before the router: JSON with the guard's own message, or the page of the status in the browser's language. */
  private static void refuseEarly(HttpServerRequest request, int status, String message) {
    request.response().putHeader("Cache-Control", "no-store");
    if (Responses.wantsJson(request)) {
      request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(Responses.clientError(status).put("message", message).encode());
    } else {
      html(request, status, Pages.message(Texts.of(request), Notice.forStatus(status)));
    }
  }

  private static void refuse(RoutingContext routing, int status) {
    if (wantsJson(routing)) {
      json(routing, status, Responses.clientError(status));
    } else {
      html(routing, status, Pages.message(Texts.of(routing.request()), Notice.forStatus(status)));
    }
  }
}
