package io.ssobroker.edge.internal.web;

import static io.ssobroker.edge.internal.web.Responses.json;
import static io.ssobroker.edge.internal.web.Responses.unavailable;

import io.ssobroker.edge.internal.session.ActiveSessions;
import io.ssobroker.edge.internal.session.Session;
import io.ssobroker.platform.Origins;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.http.BoundedBody;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * API keys of the signed-in user (SPEC section 9): {@code POST /api-keys}, {@code GET /api-keys},
 * {@code DELETE /api-keys/{id}}, with the session cookie. They change state with a cookie, so cross-site requests are
 * refused: the Origin (when sent) must be this broker's, a cross-site fetch is refused, and a key is created only from
 * a JSON body, which a plain HTML form cannot send.
 */
final class ApiKeyRoutes {

  private final ActiveSessions sessions;
  private final Cookies cookies;
  private final BusRequester bus;
  private final String ownOrigin;

  ApiKeyRoutes(ActiveSessions sessions, Cookies cookies, BusRequester bus, URI publicBaseUrl) {
    this.sessions = sessions;
    this.cookies = cookies;
    this.bus = bus;
    this.ownOrigin = Origins.of(publicBaseUrl);
  }

  void mount(Router router) {
    router.post("/api-keys").handler(this::create);
    router.get("/api-keys").handler(this::list);
    router.delete("/api-keys/:id").handler(this::revoke);
  }

  private void create(RoutingContext routing) {
    String type = String.valueOf(routing.request().getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      json(routing, 415, error("unsupported_media_type", "Send the request as application/json."));
      return;
    }
    JsonObject body;
    try {
      body = new JsonObject(BoundedBody.of(routing));
    } catch (DecodeException | ClassCastException malformed) {
      body = null;
    }
    if (body == null) {
      json(routing, 400, error("invalid_request", "The body must be a JSON object such as {\"name\": \"CI\"}."));
      return;
    }
    JsonObject fields = body;
    withUser(routing, true, session -> ask(routing, DirectoryContract.CREATE_API_KEY, session,
        new JsonObject().put("body", fields), 201));
  }

  private void list(RoutingContext routing) {
    withUser(routing, false, session -> ask(routing, DirectoryContract.LIST_API_KEYS, session, new JsonObject(), 200));
  }

  private void revoke(RoutingContext routing) {
    withUser(routing, true, session -> ask(routing, DirectoryContract.REVOKE_API_KEY, session,
        new JsonObject().put("id", routing.pathParam("id")), 204));
  }

  private void withUser(RoutingContext routing, boolean changesState, Consumer<Session> action) {
    if (changesState && isCrossSite(routing)) {
      json(routing, 403, error("cross_site_request", "API keys are managed from this site only."));
      return;
    }
    var cookie = cookies.session(routing.request());
    if (cookie.isEmpty()) {
      json(routing, 401, error("not_authenticated", "Sign in first."));
      return;
    }
    sessions.find(cookie.get()).onComplete(found -> {
      if (found.failed()) {
        unavailable(routing, found.cause());
      } else if (found.result().isEmpty()) {
        json(routing, 401, error("not_authenticated", "Sign in first."));
      } else {
        action.accept(found.result().get());
      }
    });
  }

  private void ask(RoutingContext routing, String address, Session session, JsonObject request, int successStatus) {
    String userAgent = routing.request().getHeader(HttpHeaders.USER_AGENT);
    JsonObject client = new JsonObject().put("ip", routing.request().remoteAddress().hostAddress())
        .put("userAgent", userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512));
    request.put("userId", session.userId().toString()).put("org", session.org()).put("client", client);
    bus.request(address, request).onComplete(answer -> {
      if (answer.succeeded()) {
        if (successStatus == 204) {
          routing.response().setStatusCode(204).end();
        } else {
          json(routing, successStatus, answer.result());
        }
      } else if (answer.cause() instanceof ServiceException known && known.failure().httpStatus() < 500) {
        json(routing, known.failure().httpStatus(), error(switch (known.failure()) {
          case NOT_FOUND -> "not_found";
          case CONFLICT -> "conflict";
          case FORBIDDEN -> "forbidden";
          default -> "invalid_request";
        }, known.getMessage()));
      } else {
        unavailable(routing, answer.cause());
      }
    });
  }

  private boolean isCrossSite(RoutingContext routing) {
    String origin = routing.request().getHeader("Origin");
    String fetchSite = routing.request().getHeader("Sec-Fetch-Site");
    return (origin != null && !ownOrigin.equals(originOf(origin))) || "cross-site".equals(fetchSite);
  }

  private static String originOf(String header) {
    try {
      return Origins.of(URI.create(header));
    } catch (IllegalArgumentException | NullPointerException notAnOrigin) {
      return null;
    }
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }
}
