package io.ssobroker.directory;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.audit.OutboxRelay;
import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.ChangeNotices;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserByEmailRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Everything the directory answers over the event bus: look-ups for the edge, API keys, and its admin API. */
final class DirectoryEndpoints {

  private final Vertx vertx;
  private final UserRepository repository;
  private final UserStore users;
  private final UserImport imports;
  private final UserExport export;
  private final ApiKeyStore apiKeys;
  private final OutboxRelay relay;

  DirectoryEndpoints(Vertx vertx, UserRepository repository, UserStore users, UserImport imports, ApiKeyStore apiKeys,
      OutboxRelay relay) {
    this.vertx = vertx;
    this.repository = repository;
    this.users = users;
    this.imports = imports;
    this.export = new UserExport(users);
    this.apiKeys = apiKeys;
    this.relay = relay;
  }

  Future<?> serve() {
    return Future.all(List.of(
        BusEndpoint.serveWhenRegistered(vertx, DirectoryContract.USER_BY_EMAIL, request ->
            repository.byEmail(UserByEmailRequest.fromJson(request).email())
                .map(found -> found.map(DirectoryUser::toJson)
                    .orElseThrow(() -> ServiceException.notFound("no user with that email")))),
        BusEndpoint.serveWhenRegistered(vertx, DirectoryContract.CONSOLE_ADMIN, request ->
            users.consoleAdmin(userId(request.getString("userId"))).map(found -> found.map(AdminActor::toJson)
                .orElseThrow(() -> ServiceException.notFound("not an active admin of an org")))),
        BusEndpoint.serveWhenRegistered(vertx, DirectoryContract.USER_BY_ID, request ->
            repository.byId(userId(request.getString("id")))
                .map(found -> found.map(DirectoryUser::toJson)
                    .orElseThrow(() -> ServiceException.notFound("no user with that id")))),
        audited(DirectoryContract.CREATE_API_KEY, request -> apiKeys.create(userId(request.getString("userId")),
            request.getString("org"), request.getJsonObject("body", new JsonObject()), client(request))),
        BusEndpoint.serveWhenRegistered(vertx, DirectoryContract.INTROSPECT_API_KEY, request ->
            apiKeys.introspect(request, org -> true)),
        BusEndpoint.serveWhenRegistered(vertx, DirectoryContract.LIST_API_KEYS, request ->
            apiKeys.list(userId(request.getString("userId")))),
        audited(DirectoryContract.REVOKE_API_KEY, request -> apiKeys.revoke(userId(request.getString("userId")),
            request.getString("org"), request.getString("id"), client(request)).map(done -> {
              ChangeNotices.announce(vertx, DirectoryContract.API_KEY_REVOKED,
                  new JsonObject().put("userId", request.getString("userId")));
              return new JsonObject();
            })),
        admin(AdminContract.CREATE_USER, request -> users.create(request.actor(), request.param("org"),
            request.body())),
        admin(AdminContract.LIST_USERS, request -> users.list(request.actor(), request.param("org"),
            request.params())),
        admin(AdminContract.GET_USER, request -> users.get(request.actor(), request.param("org"),
            request.param("id"))),
        admin(AdminContract.UPDATE_USER, request -> users.update(request.actor(), request.param("org"),
            request.param("id"), request.body())),
        admin(AdminContract.DELETE_USER, request -> users.delete(request.actor(), request.param("org"),
            request.param("id")).map(done -> new JsonObject())),
        admin(AdminContract.MOVE_USER, request -> users.move(request.actor(), request.param("org"),
            request.param("id"), request.body())),
        admin(AdminContract.DELETE_ORG_USERS, request -> users.deleteAllOf(request.actor(), request.param("org"))
            .map(deleted -> new JsonObject().put("deleted", deleted))),
        admin(AdminContract.BEGIN_USER_IMPORT, request -> imports.begin(request.actor(), request.param("org"),
            request.body())),
        admin(AdminContract.USER_IMPORT_CHUNK, request -> imports.chunk(request.actor(), request.param("org"),
            request.body())),
        admin(AdminContract.FINISH_USER_IMPORT, request -> imports.finish(request.actor(), request.param("org"),
            request.body())),
        admin(AdminContract.ABORT_USER_IMPORT, request -> imports.abort(request.actor(), request.param("org"),
            request.body())),
        admin(AdminContract.EXPORT_USERS_PAGE, request -> export.page(request.actor(), request.param("org"),
            request.params())),
        BusEndpoint.serveWhenRegistered(vertx, AdminContract.INTROSPECT_API_KEY, request -> {
          AdminRequest introspection = AdminRequest.fromJson(AdminContract.INTROSPECT_API_KEY, request);
          return apiKeys.introspect(introspection.body(), introspection.actor()::mayAccess);
        })));
  }

  /** An admin request; whatever it committed may have audit events waiting in the outbox: deliver them now. */
  private Future<?> admin(String address, Function<AdminRequest, Future<JsonObject>> handler) {
    return audited(address, json -> handler.apply(AdminRequest.fromJson(address, json)));
  }

  private Future<?> audited(String address, Function<JsonObject, Future<JsonObject>> handler) {
    return BusEndpoint.serveWhenRegistered(vertx, address, request -> handler.apply(request)
        .onSuccess(done -> relay.nudge()));
  }

  private static ClientInfo client(JsonObject request) {
    return ClientInfo.fromJson(request.getJsonObject("client"));
  }

  private static UUID userId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      throw ServiceException.notFound("no user with that id");
    }
  }
}
