package io.ssobroker.directory;

import io.ssobroker.directory.imports.UserImportHandlers;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.BusEndpoint;
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

/**
 * Everything the directory answers over the event bus, each address given to its handler: look-ups for the edge, API
 * keys, and its admin API.
 */
final class DirectoryEndpoints {

  private final Vertx vertx;
  private final UserRepository repository;
  private final UserService users;
  private final UserHandlers userHandlers;
  private final UserExport export;
  private final ApiKeyHandlers apiKeys;
  private final UserImportHandlers imports;
  private final Runnable deliverAudit;

  /** {@code deliverAudit} is run after each request that may have committed audit events to the outbox. */
  DirectoryEndpoints(Vertx vertx, DirectoryParts parts, Runnable deliverAudit) {
    this.vertx = vertx;
    this.repository = parts.repository();
    this.users = parts.users();
    this.userHandlers = parts.userHandlers();
    this.export = parts.export();
    this.apiKeys = parts.apiKeyHandlers();
    this.imports = parts.importHandlers();
    this.deliverAudit = deliverAudit;
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
        audited(DirectoryContract.CREATE_API_KEY, apiKeys::create),
        BusEndpoint.serveWhenRegistered(vertx, DirectoryContract.INTROSPECT_API_KEY, apiKeys::introspectForBackend),
        BusEndpoint.serveWhenRegistered(vertx, DirectoryContract.LIST_API_KEYS, apiKeys::list),
        audited(DirectoryContract.REVOKE_API_KEY, apiKeys::revoke),
        admin(AdminContract.CREATE_USER, userHandlers::create),
        admin(AdminContract.LIST_USERS, userHandlers::list),
        admin(AdminContract.GET_USER, userHandlers::get),
        admin(AdminContract.UPDATE_USER, userHandlers::update),
        admin(AdminContract.DELETE_USER, userHandlers::delete),
        admin(AdminContract.MOVE_USER, userHandlers::move),
        admin(AdminContract.DELETE_ORG_USERS, userHandlers::deleteOrgUsers),
        admin(AdminContract.BEGIN_USER_IMPORT, imports::begin),
        admin(AdminContract.USER_IMPORT_CHUNK, imports::chunk),
        admin(AdminContract.FINISH_USER_IMPORT, imports::finish),
        admin(AdminContract.ABORT_USER_IMPORT, imports::abort),
        admin(AdminContract.EXPORT_USERS_PAGE, export::page),
        BusEndpoint.serveWhenRegistered(vertx, AdminContract.INTROSPECT_API_KEY, request ->
            apiKeys.introspectForAdmin(AdminRequest.fromJson(AdminContract.INTROSPECT_API_KEY, request)))));
  }

  /** An admin request; whatever it committed may have audit events waiting in the outbox: deliver them now. */
  private Future<?> admin(String address, Function<AdminRequest, Future<JsonObject>> handler) {
    return audited(address, json -> handler.apply(AdminRequest.fromJson(address, json)));
  }

  private Future<?> audited(String address, Function<JsonObject, Future<JsonObject>> handler) {
    return BusEndpoint.serveWhenRegistered(vertx, address, request -> handler.apply(request)
        .onSuccess(done -> deliverAudit.run()));
  }

  private static UUID userId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      throw ServiceException.notFound("no user with that id");
    }
  }
}
