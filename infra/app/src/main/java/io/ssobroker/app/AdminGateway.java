package io.ssobroker.app;

import io.ssobroker.app.api.AdminApiDocument;
import io.ssobroker.app.api.AdminOperation;
import io.ssobroker.app.api.RefusedRequest;
import io.ssobroker.app.api.RequestCheck;
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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API on the admin port, routed and checked from its OpenAPI document ({@link AdminApiDocument}): each
 * operation's route, request validation (vertx-openapi) and the service address that answers it come from the
 * document. The gateway authenticates the bearer token, turns a valid request into an {@link AdminRequest} for that
 * address, and answers its JSON, or RFC 9457 problem details naming the offending field; a path the document has with
 * other methods is a 405 with {@code Allow}.
 */
final class AdminGateway {

  private static final Logger LOG = LoggerFactory.getLogger(AdminGateway.class);
  private static final Duration CACHE_LIFETIME = Duration.ofSeconds(10);
  private static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final String ACTOR = "adminActor";
  private static final String IMPORT_USERS = "importUsers";
  private static final String EXPORT_USERS = "exportUsers";
  private static final String INTROSPECT_API_KEY = "introspectApiKey";

  private final BusRequester bus;
  private final AdminApiDocument document = AdminApiDocument.load();
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

  Future<Void> mount(Vertx vertx, Router router) {
    tokenCache = new AnswerCache<AdminActor>(CACHE_LIFETIME, 10_000, clock).clearedBy(vertx, RegistryContract.CHANGED);
    introspections = new AnswerCache<JsonObject>(CACHE_LIFETIME, 100_000, clock)
        .clearedBy(vertx, DirectoryContract.USER_CHANGED, DirectoryContract.API_KEY_REVOKED);
    return OpenAPIContract.from(vertx, document.routingModel()).map(contract -> {
      RequestCheck check = new RequestCheck(RequestValidator.create(vertx, contract), document);
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
      for (Path path : contract.getPaths()) {
        for (Operation operation : path.getOperations()) {
          AdminOperation answered = AdminOperation.of(operation);
          router.route(operation.getHttpMethod(), path.getName().replaceAll("\\{([^}]+)}", ":$1"))
              .handler(routing -> serve(routing, operation, answered, check));
        }
      }
      router.route("/admin/v1/*").handler(this::notAnOperation);
      router.route("/admin/*").failureHandler(AdminGateway::failed);
      return null;
    });
  }

  private void serve(RoutingContext routing, Operation operation, AdminOperation answered, RequestCheck check) {
    AdminActor actor = routing.get(ACTOR);
    if (answered.id().equals(IMPORT_USERS)) {
      UserImportUpload.handle(bus, routing, actor);
      return;
    }
    Optional<String> unstorable = Stream.concat(routing.queryParams().entries().stream(),
            routing.pathParams().entrySet().stream())
        .filter(parameter -> parameter.getValue().indexOf('\u0000') >= 0).map(Map.Entry::getKey).findFirst();
    if (unstorable.isPresent()) {
      problem(routing, 400, unstorable.get() + ": must not contain a NUL character", unstorable.get());
      return;
    }
    Optional<JsonObject> remembered = answered.id().equals(INTROSPECT_API_KEY)
        ? rememberedIntrospection(routing, actor) : Optional.empty();
    if (remembered.isPresent()) {
      succeed(routing, answered, remembered.get());
      return;
    }
    check.check(routing, operation, BoundedBody.of(routing)).onComplete(checked -> {
      if (checked.failed()) {
        refused(routing, checked.cause());
      } else if (answered.id().equals(EXPORT_USERS)) {
        UserExportDownload.handle(bus, routing, actor);
      } else {
        RequestParameter body = checked.result().getBody();
        forward(routing, answered, actor, body == null || body.isNull() ? new JsonObject() : body.getJsonObject());
      }
    });
  }

  /** A path of the document asked with a method it does not have is a 405 naming those it has; any other a 404. */
  private void notAnOperation(RoutingContext routing) {
    Set<HttpMethod> allowed = document.methodsAllowedOn(routing.normalizedPath());
    if (allowed.isEmpty()) {
      problem(routing, 404, "no such admin resource", null);
    } else {
      routing.response().putHeader("Allow", allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
      problem(routing, 405, routing.request().method().name() + " is not an operation of this resource", null);
    }
  }

  private static void refused(RoutingContext routing, Throwable failure) {
    if (failure instanceof RefusedRequest refusal) {
      problem(routing, refusal.status(), refusal.detail(), refusal.field().orElse(null));
    } else {
      routing.fail(failure);
    }
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

  private void forward(RoutingContext routing, AdminOperation operation, AdminActor actor, JsonObject body) {
    JsonObject params = new JsonObject();
    routing.queryParams().forEach(params::put);
    routing.pathParams().forEach(params::put);
    Optional<String> introspection = operation.id().equals(INTROSPECT_API_KEY)
        ? introspectionCacheKey(actor, body) : Optional.empty();
    long generation = introspections.generation();
    JsonObject request = new AdminRequest(actor, params, body).toJson();
    Future<JsonObject> answered = operation.timeout()
        .map(timeout -> bus.request(operation.address(), request, timeout))
        .orElseGet(() -> bus.request(operation.address(), request));
    answered.onComplete(answer -> {
      if (answer.failed()) {
        serviceFailure(routing, answer.cause());
        return;
      }
      introspection.ifPresent(key -> introspections.put(key, answer.result(), generation,
          Optional.ofNullable(answer.result().getString("expiresAt")).map(Instant::parse)));
      succeed(routing, operation, answer.result());
    });
  }

  private static void succeed(RoutingContext routing, AdminOperation operation, JsonObject answer) {
    if (operation.successStatus() == 204) {
      routing.response().setStatusCode(204).end();
    } else {
      routing.response().setStatusCode(operation.successStatus()).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(answer.encode());
    }
  }

  /**
   * An introspection answered in the last seconds, before the request is validated: products introspect on every call
   * they take, and a remembered answer only ever went to a JSON body of exactly one string {@code key}, which the
   * document allows, so validating it again would only cost a worker thread's round trip.
   */
  private Optional<JsonObject> rememberedIntrospection(RoutingContext routing, AdminActor actor) {
    String type = routing.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      return Optional.empty();
    }
    try {
      return introspectionCacheKey(actor, new JsonObject(BoundedBody.of(routing))).flatMap(introspections::get);
    } catch (io.vertx.core.json.DecodeException | ClassCastException notAnObject) {
      return Optional.empty();
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
        .sendFile(AdminApiDocument.RESOURCE);
  }
}
