package io.ssobroker.edge.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the public port answers: an HTML page, or JSON for clients that ask for it. */
final class Responses {

  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  static boolean wantsJson(RoutingContext routing) {
    String accept = routing.request().getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains("application/json");
  }

  static void html(RoutingContext routing, int status, String page) {
    routing.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(page);
  }

  static void json(RoutingContext routing, int status, JsonObject body) {
    routing.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }

  /** A dependency failed: logged without details that could carry secrets, answered "try again". */
  static void unavailable(RoutingContext routing, Throwable failure) {
    LOG.warn("request failed: {}", failure.toString());
    if (wantsJson(routing)) {
      json(routing, 503, new JsonObject().put("error", "unavailable").put("message", "Please try again in a moment."));
    } else {
      html(routing, 503, Pages.message("Temporarily unavailable", "Please try again in a moment."));
    }
  }
}
