package io.ssobroker.edge.internal.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the public port answers: an HTML page, or JSON for clients that ask for it. */
final class Responses {

  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  static boolean wantsJson(RoutingContext routing) {
    return wantsJson(routing.request());
  }

  static boolean wantsJson(HttpServerRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains("application/json");
  }

  /** The JSON of a request refused for the client's mistake (or, at 5xx, the broker's). */
  static JsonObject clientError(int status) {
    String error = switch (status) {
      case 413 -> "request_too_large";
      case 415 -> "unsupported_media_type";
      case 417 -> "expectation_failed";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
    return new JsonObject().put("error", error).put("message", clientErrorMessage(status));
  }

  /** In English: JSON answers are read by programs and their developers, in one language. */
  static String clientErrorMessage(int status) {
    return Texts.ENGLISH.text(Pages.Notice.forStatus(status).text());
  }

  /** A page, in the language it was built in; the answer depends on the browser's {@code Accept-Language}. */
  static void html(RoutingContext routing, int status, Page page) {
    html(routing.request(), status, page);
  }

  static void html(HttpServerRequest request, int status, Page page) {
    request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CONTENT_LANGUAGE, page.language()).putHeader(HttpHeaders.VARY, "Accept-Language")
        .end(page.html());
  }

  static void json(RoutingContext routing, int status, JsonObject body) {
    routing.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }

  /** A dependency failed: logged without details that could carry secrets, answered "try again". */
  static void unavailable(RoutingContext routing, Throwable failure) {
    LOG.warn("request failed: {}", failure.toString());
    if (wantsJson(routing)) {
      json(routing, 503, new JsonObject().put("error", "unavailable")
          .put("message", Texts.ENGLISH.text(Pages.Notice.UNAVAILABLE.text())));
    } else {
      html(routing, 503, Pages.message(Texts.of(routing.request()), Pages.Notice.UNAVAILABLE));
    }
  }
}
