package io.ssobroker.edge.web;

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

  static String clientErrorMessage(int status) {
    return switch (status) {
      case 400 -> "The request is malformed: check its address, encoding and body.";
      case 413 -> "The request is larger than this address accepts.";
      case 415 -> "The body's content type is not accepted here.";
      case 417 -> "Only the 100-continue expectation is supported.";
      default -> "The request could not be handled.";
    };
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
