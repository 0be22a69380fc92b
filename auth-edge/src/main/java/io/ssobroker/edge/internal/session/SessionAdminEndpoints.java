package io.ssobroker.edge.internal.session;

import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.directory.DirectoryClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The admin API's view of broker sessions, served where they are kept: an org's live sessions with the clients that
 * hold tokens of them (never a token), and ending every session of a user, with back-channel logout.
 */
public final class SessionAdminEndpoints {

  private static final int MAX_LISTED = 1000;

  private final Vertx vertx;
  private final SessionStore sessions;
  private final DirectoryClient directory;
  private final SessionEndings endings;

  public SessionAdminEndpoints(Vertx vertx, SessionStore sessions, DirectoryClient directory, SessionEndings endings) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.directory = directory;
    this.endings = endings;
  }

  public void serve() {
    BusEndpoint.serve(vertx, AdminContract.LIST_SESSIONS, json -> list(AdminRequest.fromJson(AdminContract.LIST_SESSIONS, json)));
    BusEndpoint.serve(vertx, AdminContract.END_USER_SESSIONS, json -> endOfUser(AdminRequest.fromJson(AdminContract.END_USER_SESSIONS, json)));
  }

  private Future<JsonObject> list(AdminRequest request) {
    String org = request.param("org");
    if (org == null || !request.actor().mayAccess(org)) {
      return Future.failedFuture(ServiceException.notFound("org", "no such org"));
    }
    Optional<UUID> user;
    try {
      user = Optional.ofNullable(request.param("user")).map(UUID::fromString);
    } catch (IllegalArgumentException notAnId) {
      return Future.failedFuture(ServiceException.invalid("user", "must be a user id"));
    }
    return sessions.listOfOrg(org, user, MAX_LISTED).map(listed -> {
      JsonArray items = new JsonArray();
      listed.forEach(one -> items.add(describe(one.session(), one.clients())));
      return new JsonObject().put("items", items);
    });
  }

  private Future<JsonObject> endOfUser(AdminRequest request) {
    UUID userId;
    try {
      userId = UUID.fromString(String.valueOf(request.param("id")));
    } catch (IllegalArgumentException notAnId) {
      return Future.failedFuture(ServiceException.notFound("id", "no such user"));
    }
    AdminActor actor = request.actor();
    return directory.userById(userId).compose(user -> {
      if (user.isEmpty() || !actor.mayAccess(user.get().org())) {
        return Future.failedFuture(ServiceException.notFound("id", "no such user"));
      }
      return endings.ofUser(userId, SessionEndTrigger.ADMIN, ClientInfo.NONE).map(SessionAdminEndpoints::ended);
    });
  }

  private static JsonObject ended(List<SessionEndings.Ended> ended) {
    JsonArray items = new JsonArray();
    ended.forEach(one -> items.add(describe(one.session(), one.clients())));
    return new JsonObject().put("ended", ended.size()).put("sessions", items);
  }

  private static JsonObject describe(Session session, List<String> clients) {
    return new JsonObject().put("sid", session.sid().toString()).put("userId", session.userId().toString())
        .put("email", session.email()).put("name", session.name()).put("org", session.org())
        .put("connectorId", session.connectorId().toString()).put("kind", session.kind())
        .put("authenticatedAt", session.authenticatedAt().toString()).put("expiresAt", session.expiresAt().toString())
        .put("clients", new JsonArray(clients));
  }
}
