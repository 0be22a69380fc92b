package io.ssobroker.directory;

import io.ssobroker.directory.UserRequests.NewUser;
import io.ssobroker.directory.UserRequests.UserChange;
import io.ssobroker.directory.UserRequests.UserListing;
import io.ssobroker.directory.UserRequests.UserMove;
import io.ssobroker.directory.UserRequests.UserPage;
import io.ssobroker.directory.UserRequests.UserRef;
import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.registry.RegistryClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Users through the admin API, under {@code /admin/v1/orgs/{org}/users}: an org admin sees and changes its own org's
 * users only (another org's users are "not found"); moving a user to another org is for platform admins. Each change
 * and its {@code admin.user.*} event are one transaction. Disabling, deleting, moving or re-addressing a user revokes
 * their API keys in that transaction, and the edges are told to end their sessions.
 */
final class UserService {

  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  private final UserRepository users;
  private final ApiKeyRevocations revocations;
  private final AuditOutbox outbox;
  private final RegistryClient registry;
  private final DirectoryNotices notices;

  UserService(Pool pool, UserRepository users, ApiKeyRevocations revocations, AuditOutbox outbox,
      RegistryClient registry, DirectoryNotices notices) {
    this.pool = pool;
    this.users = users;
    this.revocations = revocations;
    this.outbox = outbox;
    this.registry = registry;
    this.notices = notices;
  }

  /**
   * Whether the actor may see the org's users: another org, or no org at all, is "not found". Handlers ask it before
   * they read a request's body, so such a request is refused the same whatever its body.
   */
  static Future<Void> authorizeOrg(AdminActor actor, String org) {
    return actor.mayAccess(org) && OrgSlug.isValid(org) ? Future.succeededFuture()
        : Future.failedFuture(orgNotFound(org));
  }

  /** Whether the actor may move the org's users: another org's users are "not found", an org admin moves none. */
  static Future<Void> authorizeMove(AdminActor actor, String org) {
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(userNotFound());
    }
    return actor.isPlatform() ? Future.succeededFuture()
        : Future.failedFuture(ServiceException.forbidden("only a platform admin moves users between orgs"));
  }

  Future<UserAccount> create(NewUser request) {
    return authorizeOrg(request.actor(), request.org())
        .compose(allowed -> requireOrg(request.org()))
        .compose(exists -> pool.withTransaction(sql -> insertRecorded(sql, request)))
        .recover(UserService::explainConflict);
  }

  Future<UserAccount> get(UserRef ref) {
    return current(pool, ref);
  }

  Future<UserPage> list(UserListing listing) {
    UserQuery query = listing.query();
    return authorizeOrg(listing.actor(), query.org())
        .compose(allowed -> users.page(query, query.limit() + 1))
        .map(found -> found.size() > query.limit()
            ? new UserPage(found.subList(0, query.limit()), true)
            : new UserPage(found, false));
  }

  /** Replaces email, name and status, and the role when given; {@code org} changes only through {@link #move}. */
  Future<UserAccount> update(UserChange change) {
    return pool.withTransaction(sql -> lockCurrent(sql, change.user())
            .compose(before -> applyChange(sql, before, change))
            .compose(updated -> recordUpdate(sql, change.user().actor(), updated)))
        .onSuccess(this::endSessionsIfCut)
        .map(Updated::after)
        .recover(UserService::explainConflict);
  }

  Future<Void> delete(UserRef ref) {
    return pool.withTransaction(sql -> lockCurrent(sql, ref).compose(before -> deleteLocked(sql, ref.actor(), before)))
        .onSuccess(deleted -> notices.userChanged(ref.id().orElseThrow()));
  }

  /**
   * Every user of an org, for the org's deletion (platform admins only). A batch per transaction, so that a failure
   * leaves whole users deleted or kept, never half; a retry goes on where it stopped.
   */
  Future<Integer> deleteAllOf(AdminActor actor, String org) {
    if (!actor.isPlatform()) {
      return Future.failedFuture(ServiceException.forbidden("only a platform admin deletes an org's users"));
    }
    return deleteBatchesOf(actor, org, 0);
  }

  /**
   * The fix for "your account was created under a different organization". Platform admins only, since it takes a
   * user out of one org and gives them to another. Both orgs get an {@code admin.user.moved} event; the user's keys
   * are revoked and their sessions end, as they were issued for the old org.
   */
  Future<UserAccount> move(UserMove move) {
    UserRef ref = move.user();
    return authorizeMove(ref.actor(), ref.org())
        .compose(allowed -> move.targetOrg().equals(ref.org())
            ? Future.failedFuture(ServiceException.conflict("org", "the user is already in org " + ref.org()))
            : requireOrg(move.targetOrg()))
        .compose(exists -> pool.withTransaction(sql -> lockCurrent(sql, ref)
            .compose(before -> moveLocked(sql, move, before))))
        .onSuccess(moved -> notices.userChanged(moved.id()));
  }

  /**
   * The user of this id when they may sign in to the console as their org's admin: active, with the admin role.
   * Asked at the console's sign-in and at each of its requests, so that disabling or demoting ends the console session.
   */
  Future<Optional<AdminActor>> consoleAdmin(UUID userId) {
    return users.consoleAdmin(userId);
  }

  private Future<UserAccount> insertRecorded(SqlClient sql, NewUser request) {
    return users.insert(sql, UUID.randomUUID(), request.fields(), request.role())
        .compose(created -> record(sql, "admin.user.created", request.actor(), request.org(), created, null,
            created.toJson()).map(recorded -> created));
  }

  /** A user updated, and how many of their keys the update revoked. */
  private record Updated(UserAccount before, UserAccount after, int revokedApiKeys) {

    boolean disabled() {
      return after.disabled() && !before.disabled();
    }

    boolean readdressed() {
      return !after.email().equals(before.email());
    }

    /** Disabled or re-addressed: their keys and sessions were for the user as they were. */
    boolean cutsAccess() {
      return disabled() || readdressed();
    }
  }

  private Future<Updated> applyChange(SqlClient sql, UserAccount before, UserChange change) {
    return users.update(sql, before.id(), change.fields(), change.role())
        .compose(after -> revokeKeysIfCut(sql, new Updated(before, after, 0)));
  }

  private Future<Updated> revokeKeysIfCut(SqlClient sql, Updated updated) {
    if (!updated.cutsAccess()) {
      return Future.succeededFuture(updated);
    }
    String reason = updated.disabled() ? "user_disabled" : "user_email_changed";
    return revocations.revokeAll(sql, updated.before().asKeyOwner(), reason, ClientInfo.ADMIN_API)
        .map(count -> new Updated(updated.before(), updated.after(), count));
  }

  private Future<Updated> recordUpdate(SqlClient sql, AdminActor actor, Updated updated) {
    UserAccount after = updated.after();
    return record(sql, "admin.user.updated", actor, after.org(), after, updated.before().toJson(),
        after.toJson().put("revokedApiKeys", updated.revokedApiKeys())).map(recorded -> updated);
  }

  private void endSessionsIfCut(Updated updated) {
    if (updated.cutsAccess()) {
      notices.userChanged(updated.after().id());
    }
  }

  private Future<Integer> deleteBatchesOf(AdminActor actor, String org, int deletedBefore) {
    return pool.withTransaction(sql -> users.lockBatchOf(sql, org).compose(batch -> deleteEach(sql, actor, batch)))
        .compose(batch -> {
          batch.forEach(user -> notices.userChanged(user.id()));
          return batch.isEmpty()
              ? Future.succeededFuture(deletedBefore)
              : deleteBatchesOf(actor, org, deletedBefore + batch.size());
        });
  }

  private Future<List<UserAccount>> deleteEach(SqlClient sql, AdminActor actor, List<UserAccount> batch) {
    Future<Void> deleted = Future.succeededFuture();
    for (UserAccount user : batch) {
      deleted = deleted.compose(previous -> deleteLocked(sql, actor, user));
    }
    return deleted.map(done -> batch);
  }

  /** The user's keys revoked, the row deleted and its event written, in the caller's transaction. */
  private Future<Void> deleteLocked(SqlClient sql, AdminActor actor, UserAccount before) {
    return revocations.revokeAll(sql, before.asKeyOwner(), "user_deleted", ClientInfo.ADMIN_API)
        .compose(revoked -> users.delete(sql, before.id()))
        .compose(deleted -> record(sql, "admin.user.deleted", actor, before.org(), before, before.toJson(), null));
  }

  private Future<UserAccount> moveLocked(SqlClient sql, UserMove move, UserAccount before) {
    AdminActor actor = move.user().actor();
    return revocations.revokeAll(sql, before.asKeyOwner(), "user_moved", ClientInfo.ADMIN_API)
        .compose(revoked -> users.moveTo(sql, before.id(), move.targetOrg()).compose(after -> {
          JsonObject recorded = after.toJson().put("revokedApiKeys", revoked);
          return record(sql, "admin.user.moved", actor, before.org(), after, before.toJson(), recorded)
              .compose(done -> record(sql, "admin.user.moved", actor, move.targetOrg(), after, before.toJson(),
                  recorded))
              .map(done -> after);
        }));
  }

  private Future<Void> record(SqlClient sql, String type, AdminActor actor, String org, UserAccount user,
      JsonObject before, JsonObject after) {
    return outbox.append(sql, AdminChangeEvents.change(type, actor, org, user.target(), before, after));
  }

  /** The user, when it exists under the ref's org and the actor may see that org; "not found" otherwise. */
  private Future<UserAccount> current(SqlClient sql, UserRef ref) {
    if (ref.id().isEmpty() || !ref.actor().mayAccess(ref.org())) {
      return Future.failedFuture(userNotFound());
    }
    return users.find(sql, ref.id().get()).map(found -> inOrg(found, ref.org()));
  }

  private Future<UserAccount> lockCurrent(SqlClient sql, UserRef ref) {
    if (ref.id().isEmpty() || !ref.actor().mayAccess(ref.org())) {
      return Future.failedFuture(userNotFound());
    }
    return users.lockForUpdate(sql, ref.id().get()).map(found -> inOrg(found, ref.org()));
  }

  private static UserAccount inOrg(Optional<UserAccount> found, String org) {
    return found.filter(user -> user.org().equals(org)).orElseThrow(UserService::userNotFound);
  }


  private Future<Void> requireOrg(String org) {
    return registry.orgBySlug(org).compose(found -> found.isPresent()
        ? Future.succeededFuture()
        : Future.failedFuture(orgNotFound(org)));
  }

  private static <T> Future<T> explainConflict(Throwable failure) {
    return Future.failedFuture(failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
        ? ServiceException.conflict("email", "already registered")
        : failure);
  }

  private static ServiceException orgNotFound(String org) {
    return notFound("org", "no org " + org);
  }

  static ServiceException userNotFound() {
    return notFound("id", "no such user in this org");
  }

  private static ServiceException notFound(String field, String problem) {
    return ServiceException.notFound(field, problem);
  }
}
