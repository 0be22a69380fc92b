package io.ssobroker.app;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.AnswerCache;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.http.BoundedBody;
import io.ssobroker.platform.http.MalformedRequest;
import io.ssobroker.platform.registry.RegistryContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API on the admin port: authenticates the bearer token, turns each route into an {@link AdminRequest} for
 * the service that owns the resource, and answers its JSON, or RFC 9457 problem details naming the offending field.
 */
final class AdminGateway {

  /**
   * One admin route: method, path, the owning service's address, the status of a success, its body, and how long the
   * service may take when that is longer than the event bus's usual request timeout.
   */
  record AdminRoute(HttpMethod method, String path, String address, int successStatus, Body body,
      Optional<Duration> timeout) {

    AdminRoute(HttpMethod method, String path, String address, int successStatus, Body body) {
      this(method, path, address, successStatus, body, Optional.empty());
    }

    AdminRoute(HttpMethod method, String path, String address, int successStatus) {
      this(method, path, address, successStatus,
          method == HttpMethod.POST || method == HttpMethod.PUT ? Body.REQUIRED : Body.NONE);
    }

    AdminRoute lasting(Duration longerTimeout) {
      return new AdminRoute(method, path, address, successStatus, body, Optional.of(longerTimeout));
    }
  }

  /**
   * Whether a route reads a JSON object body (an action such as activate may also be posted empty); streamed routes
   * read or write their body as it flows, in their own handler.
   */
  enum Body { NONE, REQUIRED, OPTIONAL, STREAMED }

  static final List<AdminRoute> ROUTES = List.of(
      new AdminRoute(HttpMethod.POST, "/admin/v1/tokens", AdminContract.CREATE_TOKEN, 201),
      new AdminRoute(HttpMethod.GET, "/admin/v1/tokens", AdminContract.LIST_TOKENS, 200),
      new AdminRoute(HttpMethod.DELETE, "/admin/v1/tokens/:id", AdminContract.REVOKE_TOKEN, 204),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs", AdminContract.CREATE_ORG, 201),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs", AdminContract.LIST_ORGS, 200),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs/:org", AdminContract.GET_ORG, 200),
      new AdminRoute(HttpMethod.PUT, "/admin/v1/orgs/:org", AdminContract.UPDATE_ORG, 200),
      new AdminRoute(HttpMethod.DELETE, "/admin/v1/orgs/:org", AdminContract.DELETE_ORG, 204)
          .lasting(AdminContract.ORG_DELETION_TIMEOUT),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs/:org/connectors", AdminContract.CREATE_CONNECTOR, 201),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs/:org/connectors", AdminContract.LIST_CONNECTORS, 200),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs/:org/connectors/:id", AdminContract.GET_CONNECTOR, 200),
      new AdminRoute(HttpMethod.PUT, "/admin/v1/orgs/:org/connectors/:id", AdminContract.UPDATE_CONNECTOR, 200),
      new AdminRoute(HttpMethod.DELETE, "/admin/v1/orgs/:org/connectors/:id", AdminContract.DELETE_CONNECTOR, 204),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs/:org/connectors/:id/activate", AdminContract.ACTIVATE_CONNECTOR,
          200, Body.OPTIONAL),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs/:org/connectors/:id/test", AdminContract.TEST_CONNECTOR, 200),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs/:org/domains", AdminContract.CLAIM_DOMAIN, 200),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs/:org/domains", AdminContract.LIST_DOMAINS, 200),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs/:org/domains/:domain", AdminContract.GET_DOMAIN, 200),
      new AdminRoute(HttpMethod.DELETE, "/admin/v1/orgs/:org/domains/:domain", AdminContract.DELETE_DOMAIN, 204),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs/:org/domains/:domain/verify", AdminContract.VERIFY_DOMAIN, 200,
          Body.OPTIONAL),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs/:org/setup-links", AdminContract.CREATE_SETUP_LINK, 201,
          Body.OPTIONAL),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs/:org/setup-links", AdminContract.LIST_SETUP_LINKS, 200),
      new AdminRoute(HttpMethod.DELETE, "/admin/v1/orgs/:org/setup-links/:id", AdminContract.REVOKE_SETUP_LINK, 204),
      new AdminRoute(HttpMethod.GET, "/admin/v1/connectors/expiring", AdminContract.EXPIRING_CONNECTORS, 200),
      new AdminRoute(HttpMethod.GET, "/admin/v1/audit", AdminContract.QUERY_AUDIT, 200),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs/:org/connectors/:id/check", AdminContract.CHECK_CONNECTOR, 200,
          Body.OPTIONAL),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs/:org/users", AdminContract.CREATE_USER, 201),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs/:org/users", AdminContract.LIST_USERS, 200),
      new AdminRoute(HttpMethod.POST, UserImportUpload.PATH, AdminContract.BEGIN_USER_IMPORT, 200, Body.STREAMED),
      new AdminRoute(HttpMethod.GET, UserExportDownload.PATH, AdminContract.EXPORT_USERS_PAGE, 200, Body.STREAMED),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs/:org/users/:id", AdminContract.GET_USER, 200),
      new AdminRoute(HttpMethod.PUT, "/admin/v1/orgs/:org/users/:id", AdminContract.UPDATE_USER, 200),
      new AdminRoute(HttpMethod.DELETE, "/admin/v1/orgs/:org/users/:id", AdminContract.DELETE_USER, 204),
      new AdminRoute(HttpMethod.POST, "/admin/v1/orgs/:org/users/:id/move", AdminContract.MOVE_USER, 200),
      new AdminRoute(HttpMethod.POST, "/admin/v1/users/:id/sessions/end", AdminContract.END_USER_SESSIONS, 200,
          Body.OPTIONAL),
      new AdminRoute(HttpMethod.GET, "/admin/v1/orgs/:org/sessions", AdminContract.LIST_SESSIONS, 200),
      new AdminRoute(HttpMethod.POST, "/admin/v1/api-keys/introspect", AdminContract.INTROSPECT_API_KEY, 200),
      new AdminRoute(HttpMethod.POST, "/admin/v1/clients", AdminContract.CREATE_CLIENT, 201),
      new AdminRoute(HttpMethod.GET, "/admin/v1/clients", AdminContract.LIST_CLIENTS, 200),
      new AdminRoute(HttpMethod.GET, "/admin/v1/clients/:clientId", AdminContract.GET_CLIENT, 200),
      new AdminRoute(HttpMethod.PUT, "/admin/v1/clients/:clientId", AdminContract.UPDATE_CLIENT, 200),
      new AdminRoute(HttpMethod.DELETE, "/admin/v1/clients/:clientId", AdminContract.DELETE_CLIENT, 204),
      new AdminRoute(HttpMethod.POST, "/admin/v1/clients/:clientId/secret", AdminContract.ROTATE_CLIENT_SECRET, 200,
          Body.OPTIONAL),
      new AdminRoute(HttpMethod.POST, "/admin/v1/signing-keys/rotate", AdminContract.ROTATE_SIGNING_KEYS, 200,
          Body.OPTIONAL));

  private static final Logger LOG = LoggerFactory.getLogger(AdminGateway.class);
  private static final Duration CACHE_LIFETIME = Duration.ofSeconds(10);
  private static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final String ACTOR = "adminActor";

  private final BusRequester bus;
  /**
   * Who a bearer token hash belongs to: introspection runs on every product API call, and asking the registry each
   * time would double its cost. Every registry change (a token revoked among them) empties it.
   */
  private AnswerCache<AdminActor> tokenCache;

  /**
   * Introspection answers per (token, SHA-256 of the key). Every key revocation, and every user disabled, deleted,
   * moved or re-addressed, empties it before the admin call that caused it answers; an active answer never outlives
   * its key's expiry.
   */
  private AnswerCache<JsonObject> introspections;

  private final Clock clock;

  AdminGateway(BusRequester bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  void mount(Vertx vertx, Router router) {
    tokenCache = new AnswerCache<AdminActor>(CACHE_LIFETIME, 10_000, clock).clearedBy(vertx, RegistryContract.CHANGED);
    introspections = new AnswerCache<JsonObject>(CACHE_LIFETIME, 100_000, clock)
        .clearedBy(vertx, DirectoryContract.USER_CHANGED, DirectoryContract.API_KEY_REVOKED);
    BoundedBody bodies = BoundedBody.limitedTo(MAX_BODY_BYTES);
    router.get("/admin/openapi.json").handler(AdminGateway::openApi);
    router.route("/admin/v1/*").handler(routing -> {
      if (isUpload(routing)) {
        routing.request().pause();
        routing.next();
      } else {
        bodies.handle(routing);
      }
    });
    router.route("/admin/v1/*").handler(this::authenticate);
    router.post(UserImportUpload.PATH).handler(routing -> UserImportUpload.handle(bus, routing, routing.get(ACTOR)));
    router.get(UserExportDownload.PATH).handler(routing -> UserExportDownload.handle(bus, routing, routing.get(ACTOR)));
    for (AdminRoute route : ROUTES) {
      if (route.body() != Body.STREAMED) {
        router.route(route.method(), route.path()).handler(routing -> forward(routing, route));
      }
    }
    router.route("/admin/v1/*").handler(routing -> problem(routing, 404, "no such admin resource", null));
    router.route("/admin/*").failureHandler(AdminGateway::failed);
  }

  private static boolean isUpload(RoutingContext routing) {
    String path = routing.request().path();
    return routing.request().method() == HttpMethod.POST && path.startsWith("/admin/v1/orgs/")
        && path.endsWith("/users/import");
  }

  private void authenticate(RoutingContext routing) {
    String header = routing.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 512) {
      routing.response().putHeader("WWW-Authenticate", "Bearer");
      problem(routing, 401, "a bearer token is required", null);
      return;
    }
    String tokenHash = AdminContract.tokenHash(header.substring(7).trim());
    Optional<AdminActor> known = tokenCache.get(tokenHash);
    if (known.isPresent()) {
      routing.put(ACTOR, known.get());
      routing.next();
      return;
    }
    long generation = tokenCache.generation();
    bus.request(AdminContract.AUTHENTICATE, new JsonObject().put("tokenHash", tokenHash)).onComplete(answer -> {
      AdminActor actor = answer.succeeded() ? AdminActor.fromJson(answer.result()) : null;
      if (actor != null && actor.setupLink()) {
        routing.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        problem(routing, 401, "a setup link's session is for the console only", null);
      } else if (actor != null) {
        tokenCache.put(tokenHash, actor, generation, Optional.empty());
        routing.put(ACTOR, actor);
        routing.next();
      } else if (ServiceFailure.of(answer.cause()) == ServiceFailure.UNAUTHENTICATED) {
        routing.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        problem(routing, 401, "unknown or revoked token", null);
      } else {
        serviceFailure(routing, answer.cause());
      }
    });
  }

  private void forward(RoutingContext routing, AdminRoute route) {
    JsonObject body = new JsonObject();
    Buffer raw = BoundedBody.of(routing);
    boolean empty = raw.length() == 0;
    if (route.body() == Body.REQUIRED || (route.body() == Body.OPTIONAL && !empty)) {
      String type = routing.request().getHeader("Content-Type");
      if (type == null || !type.toLowerCase().startsWith("application/json")) {
        problem(routing, 415, "send the body as application/json", null);
        return;
      }
      try {
        body = new JsonObject(raw.toString(StandardCharsets.UTF_8));
      } catch (DecodeException | ClassCastException malformed) {
        body = null;
      }
      if (body == null) {
        problem(routing, 400, "the body must be a JSON object", null);
        return;
      }
    }
    Optional<String> unstorable = Stream.concat(routing.queryParams().entries().stream(),
            routing.pathParams().entrySet().stream())
        .filter(parameter -> parameter.getValue().indexOf('\u0000') >= 0).map(Map.Entry::getKey).findFirst();
    if (unstorable.isPresent()) {
      problem(routing, 400, unstorable.get() + ": must not contain a NUL character", unstorable.get());
      return;
    }
    JsonObject params = new JsonObject();
    routing.queryParams().forEach(params::put);
    routing.pathParams().forEach(params::put);
    AdminActor actor = routing.get(ACTOR);
    Optional<String> introspection = route.address().equals(AdminContract.INTROSPECT_API_KEY)
        ? introspectionCacheKey(actor, body) : Optional.empty();
    Optional<JsonObject> remembered = introspection.flatMap(introspections::get);
    if (remembered.isPresent()) {
      succeed(routing, route, remembered.get());
      return;
    }
    long generation = introspections.generation();
    JsonObject request = new AdminRequest(actor, params, body).toJson();
    Future<JsonObject> answered = route.timeout().map(timeout -> bus.request(route.address(), request, timeout))
        .orElseGet(() -> bus.request(route.address(), request));
    answered.onComplete(answer -> {
      if (answer.failed()) {
        serviceFailure(routing, answer.cause());
        return;
      }
      introspection.ifPresent(key -> introspections.put(key, answer.result(), generation,
          Optional.ofNullable(answer.result().getString("expiresAt")).map(Instant::parse)));
      succeed(routing, route, answer.result());
    });
  }

  private static void succeed(RoutingContext routing, AdminRoute route, JsonObject answer) {
    if (route.successStatus() == 204) {
      routing.response().setStatusCode(204).end();
    } else {
      routing.response().setStatusCode(route.successStatus()).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(answer.encode());
    }
  }

  /** The same token asking about the same key gets the same answer; only a well-formed request is remembered. */
  private static Optional<String> introspectionCacheKey(AdminActor actor, JsonObject body) {
    if (body.size() != 1 || !(body.getValue("key") instanceof String key)) {
      return Optional.empty();
    }
    return Optional.of(actor.tokenId() + ":" + Base64.getEncoder().encodeToString(Tokens.sha256(key)));
  }

  static void serviceFailure(RoutingContext routing, Throwable failure) {
    ServiceFailure kind = ServiceFailure.of(failure);
    if (kind == ServiceFailure.INTERNAL || !(failure instanceof ServiceException known)) {
      problem(routing, kind.httpStatus(), kind == ServiceFailure.INTERNAL ? "internal error" : "the request failed",
          null);
    } else {
      problem(routing, kind.httpStatus(), known.getMessage(), known.field().orElse(null));
    }
  }

  /**
   * A request that failed outside a route's own answer: the client's mistake (a malformed or oversized body) is a 4xx
   * logged as one WARN line; only a failure of the broker itself is an ERROR with its trace.
   */
  static void failed(RoutingContext routing) {
    int status = routing.statusCode() >= 400 ? routing.statusCode() : 500;
    if (status >= 500) {
      LOG.error("unexpected failure on {}", routing.request().path(), routing.failure());
    } else {
      LOG.warn("refused {} {}: {}{}", routing.request().method(), routing.request().path(), status,
          routing.failure() == null ? "" : " " + routing.failure().getMessage());
    }
    String detail = switch (status) {
      case 413 -> "the body is larger than " + MAX_BODY_BYTES + " bytes";
      case 400 -> routing.failure() instanceof MalformedRequest malformed ? malformed.getMessage() : "malformed request";
      default -> status >= 500 ? "internal error" : "the request failed";
    };
    problem(routing, status, detail, null);
  }

  static void problem(RoutingContext routing, int status, String detail, String field) {
    if (routing.response().ended()) {
      return;
    }
    JsonObject problem = new JsonObject().put("type", "about:blank")
        .put("title", io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase())
        .put("status", status).put("detail", detail).put("instance", routing.request().path());
    if (field != null) {
      problem.put("field", field);
    }
    routing.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store").end(problem.encode());
  }

  private static void openApi(RoutingContext routing) {
    routing.response().putHeader("Content-Type", "application/json")
        .sendFile("admin-openapi.json");
  }
}
