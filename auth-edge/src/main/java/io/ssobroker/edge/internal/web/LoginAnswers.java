package io.ssobroker.edge.internal.web;

import static io.ssobroker.edge.internal.web.Responses.html;
import static io.ssobroker.edge.internal.web.Responses.json;
import static io.ssobroker.edge.internal.web.Responses.unavailable;
import static io.ssobroker.edge.internal.web.Responses.wantsJson;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.login.LoginOutcome;
import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.ssobroker.edge.internal.state.StateSealer;
import io.ssobroker.edge.web.LoginErrorHints;
import io.ssobroker.platform.OrgSlug;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/**
 * How a login request is answered: on at the IdP, signed in, or failed with its category's page or JSON.
 *
 * <p>A failure of the IdP's answer (the OIDC callback, the SAML ACS) leaves that address: the browser is sent on
 * ({@code 303}) to {@value #ERROR_PATH}, whose one parameter is what the page shows, sealed by this broker (the
 * reason, the support reference, and where the login was to end), so that no code, state or SAML response stays in
 * the address bar, the history or a reload, and no one else can make the page say anything.
 */
final class LoginAnswers {

  static final String ERROR_PATH = "/login/error";
  private static final String ERROR_PARAMETER = "e";

  private final Cookies cookies;
  private final StateSealer sealer;
  private final Brands brands;

  LoginAnswers(Cookies cookies, StateSealer sealer, Brands brands) {
    this.cookies = cookies;
    this.sealer = sealer;
    this.brands = brands;
  }

  /**
   * Answers the outcome, failed with its category's status ({@code status} when not 0). A login never fails its future;
   * a failed one here is the broker's own fault.
   */
  void answer(RoutingContext routing, AsyncResult<LoginOutcome> result, int status) {
    routing.response().putHeader("Referrer-Policy", "no-referrer");
    if (result.failed()) {
      unavailable(routing, result.cause());
    } else if (result.result() instanceof LoginOutcome.SignedIn signedIn) {
      cookies.setSession(routing, signedIn.sessionCookie());
      redirect(routing, signedIn.location());
    } else if (result.result() instanceof LoginOutcome.ToIdp toIdp) {
      redirect(routing, toIdp.location());
    } else if (result.result() instanceof LoginOutcome.Failed failed) {
      loginFailed(routing, failed, status == 0 ? failed.reason().category().httpStatus() : status);
    }
  }

  /** Answers the IdP's answer: a failure shown in a browser goes to its error page's own address. */
  void answerIdp(RoutingContext routing, AsyncResult<LoginOutcome> result) {
    if (result.succeeded() && result.result() instanceof LoginOutcome.Failed failed && !wantsJson(routing)) {
      routing.response().putHeader("Referrer-Policy", "no-referrer").setStatusCode(303)
          .putHeader(HttpHeaders.LOCATION, ERROR_PATH + "?" + ERROR_PARAMETER + "=" + sealErrorPage(failed)).end();
    } else {
      answer(routing, result, 0);
    }
  }

  /**
   * {@code GET /login/error}: the page of a failed login, with its category's status; a reference this broker did not
   * seal (or sealed longer ago than a login lives) is a page that says only that the sign-in failed.
   */
  void errorPage(RoutingContext routing) {
    routing.response().putHeader("Referrer-Policy", "no-referrer");
    Optional<LoginOutcome.Failed> failed = sealer.openErrorPage(routing.queryParams().get(ERROR_PARAMETER))
        .flatMap(LoginAnswers::failure);
    if (failed.isPresent()) {
      loginFailed(routing, failed.get(), failed.get().reason().category().httpStatus());
    } else if (wantsJson(routing)) {
      json(routing, 400, Responses.clientError(400).put("message", Texts.ENGLISH.text("error.unknown.text")));
    } else {
      html(routing, 400, Pages.unknownLoginError(Texts.of(routing.request())));
    }
  }

  static void redirect(RoutingContext routing, String location) {
    routing.response().putHeader("Referrer-Policy", "no-referrer").setStatusCode(302)
        .putHeader(HttpHeaders.LOCATION, location).end();
  }

  private void loginFailed(RoutingContext routing, LoginOutcome.Failed failed, int status) {
    LoginReason reason = failed.reason();
    if (wantsJson(routing)) {
      json(routing, status, new JsonObject()
          .put("error", reason.category().code())
          .put("reason", reason.code())
          .put("message", LoginErrorHints.hint(reason))
          .put("reference", failed.reference()));
    } else {
      brands.of(failed.org()).onSuccess(brand -> html(routing, status, Pages.loginError(Texts.of(routing.request()),
          brand, reason, failed.reference(), target(failed.destination()))));
    }
  }

  /** Where "Back to sign in" goes: the email page for the same return_to, or for the same product's request. */
  private LoginTarget target(LoginOutcome.Destination destination) {
    return destination.authorization()
        .map(authorization -> LoginTarget.forProduct(authorization, sealer.sealAuthorization(authorization)))
        .orElseGet(() -> LoginTarget.returningTo(destination.returnTo()));
  }

  private String sealErrorPage(LoginOutcome.Failed failed) {
    JsonObject page = new JsonObject().put("c", failed.reason().category().code()).put("r", failed.reason().code())
        .put("ref", failed.reference());
    failed.destination().returnTo().ifPresent(returnTo -> page.put("rt", returnTo));
    failed.org().ifPresent(org -> page.put("o", org));
    failed.destination().authorization().ifPresent(authorization -> page.put("az", authorization.toJson()));
    return Pages.urlEncode(sealer.sealErrorPage(page));
  }

  /** The failure a sealed error page shows; empty when its content is not one this version knows. */
  private static Optional<LoginOutcome.Failed> failure(JsonObject page) {
    try {
      String reference = UUID.fromString(page.getString("ref")).toString();
      LoginOutcome.Destination destination = new LoginOutcome.Destination(Optional.ofNullable(page.getString("rt")),
          Optional.ofNullable(page.getJsonObject("az")).map(PendingAuthorization::fromJson));
      return LoginReason.find(page.getString("c"), page.getString("r"))
          .map(reason -> new LoginOutcome.Failed(reason, reference, destination,
              Optional.ofNullable(page.getString("o")).filter(OrgSlug::isValid)));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
