package io.ssobroker.edge.web;

import static io.ssobroker.edge.web.Responses.html;
import static io.ssobroker.edge.web.Responses.json;
import static io.ssobroker.edge.web.Responses.unavailable;
import static io.ssobroker.edge.web.Responses.wantsJson;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.login.LoginOutcome;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How a login request is answered: on at the IdP, signed in, or failed with its category's page or JSON. */
final class LoginAnswers {

  private final Cookies cookies;

  LoginAnswers(Cookies cookies) {
    this.cookies = cookies;
  }

  /**
   * Answers the outcome, failed with its category's status ({@code status} when not 0). A login never fails its future;
   * a failed one here is the broker's own fault.
   */
  void answer(RoutingContext routing, AsyncResult<LoginOutcome> result, int status) {
    routing.response().putHeader("Referrer-Policy", "no-referrer");
    if (result.failed()) {
      unavailable(routing, result.cause());
      return;
    }
    LoginOutcome outcome = result.result();
    if (outcome instanceof LoginOutcome.SignedIn signedIn) {
      cookies.setSession(routing, signedIn.sessionCookie());
      redirect(routing, signedIn.location());
    } else if (outcome instanceof LoginOutcome.ToIdp toIdp) {
      redirect(routing, toIdp.location());
    } else if (outcome instanceof LoginOutcome.Failed failed) {
      loginFailed(routing, failed, status);
    }
  }

  static void redirect(RoutingContext routing, String location) {
    routing.response().putHeader("Referrer-Policy", "no-referrer").setStatusCode(302)
        .putHeader(HttpHeaders.LOCATION, location).end();
  }

  private static void loginFailed(RoutingContext routing, LoginOutcome.Failed failed, int status) {
    LoginReason reason = failed.reason();
    int answered = status == 0 ? reason.category().httpStatus() : status;
    if (wantsJson(routing)) {
      json(routing, answered, new JsonObject()
          .put("error", reason.category().code())
          .put("reason", reason.code())
          .put("message", LoginErrorHints.hint(reason))
          .put("reference", failed.reference()));
    } else {
      html(routing, answered, Pages.loginError(reason, failed.reference()));
    }
  }
}
