package io.ssobroker.directory;

import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.directory.UserStatus;
import io.ssobroker.platform.registry.RegistryClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Users through the admin API, under {@code /admin/v1/orgs/{org}/users}: an org admin sees and changes its own org's
 * users only (another org's users are "not found"); moving a user to another org is for platform admins. Each change
 * and its {@code admin.user.*} event are one transaction. Disabling, deleting, moving or re-addressing a user revokes
 * their API keys in that transaction, and the edges are told to end their sessions.
 */
final class UserStore {

  static final String COLUMNS = "id, email, name, org_slug, status, role, created_at, updated_at";

  private static final Set<String> CREATE_FIELDS = Set.of("email", "name", "status", "role");
  private static final Set<String> ROLES = Set.of("member", "admin");
  private static final String INSERT = "insert into directory.users (id, email, name, org_slug, status, role) "
      + "values ($1, $2, $3, $4, $5, $6) returning " + COLUMNS;
  private static final String SELECT = "select " + COLUMNS + " from directory.users where id = $1";
  private static final String SELECT_FOR_UPDATE = SELECT + " for update";
  private static final String LIST = "select " + COLUMNS + " from directory.users where org_slug = $1 "
      + "and ($2::text is null or email like $2 escape '\\' or lower(name) like $2 escape '\\') "
      + "and ($3::text is null or status = $3) and email > $4 order by email limit $5";
  private static final String UPDATE = "update directory.users set email = $2, name = $3, status = $4, "
      + "role = coalesce($5, role), updated_at = now() where id = $1 returning " + COLUMNS;
  private static final String CONSOLE_ADMIN = "select id, email, org_slug from directory.users "
      + "where id = $1 and role = 'admin' and status = 'active'";
  private static final String MOVE = "update directory.users set org_slug = $2, updated_at = now() where id = $1 "
      + "returning " + COLUMNS;
  private static final String DELETE = "delete from directory.users where id = $1";
  private static final int DELETE_BATCH = 200;
  private static final String SELECT_ORG_BATCH_FOR_UPDATE = "select " + COLUMNS + " from directory.users "
      + "where org_slug = $1 order by id limit " + DELETE_BATCH + " for update";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 1_000;
  private static final int MAX_SEARCH = 100;

  private final Pool pool;
  private final AuditOutbox outbox;
  private final ApiKeyRevocations revocations;
  private final RegistryClient registry;
  private final Consumer<UUID> announceUserChanged;

  UserStore(Pool pool, AuditOutbox outbox, RegistryClient registry, Consumer<UUID> announceUserChanged) {
    this.pool = pool;
    this.outbox = outbox;
    this.revocations = new ApiKeyRevocations(outbox);
    this.registry = registry;
    this.announceUserChanged = announceUserChanged;
  }

  Future<JsonObject> create(AdminActor actor, String org, JsonObject body) {
    if (!actor.mayAccess(org) || !OrgSlug.isValid(org)) {
      return Future.failedFuture(orgNotFound(org));
    }
    UserRecord user;
    String role;
    try {
      rejectUnknownFields(body, CREATE_FIELDS);
      user = UserRows.check(text(body, "email"), text(body, "name"), org, text(body, "status"));
      role = role(body).orElse("member");
    } catch (RowProblem problem) {
      return Future.failedFuture(ServiceException.invalid(problem.describe()));
    }
    return requireOrg(org).compose(exists -> pool.withTransaction(sql -> sql.preparedQuery(INSERT)
            .execute(Tuple.of(UUID.randomUUID(), user.email().value(), user.name(), org, user.status().value(), role))
            .compose(rows -> {
              JsonObject created = describe(rows.iterator().next());
              return outbox.append(sql, AdminChangeEvents.change("admin.user.created", actor, org,
                  target(created), null, created)).map(done -> created);
            })))
        .recover(UserStore::explainConflict);
  }

  Future<JsonObject> get(AdminActor actor, String org, String id) {
    return pool.withConnection(sql -> current(sql, SELECT, actor, org, id));
  }

  /** {@code search} matches any part of the email or the name; {@code cursor} continues a listing. */
  Future<JsonObject> list(AdminActor actor, String org, JsonObject params) {
    if (!actor.mayAccess(org) || !OrgSlug.isValid(org)) {
      return Future.failedFuture(orgNotFound(org));
    }
    String search;
    String status;
    int limit;
    String after;
    try {
      search = params.getString("search");
      if (search != null && search.length() > MAX_SEARCH) {
        throw new RowProblem("search", "at most " + MAX_SEARCH + " characters");
      }
      status = params.getString("status") == null ? null : UserRows.status(params.getString("status")).value();
      limit = limit(params.getString("limit"));
      after = cursorEmail(params.getString("cursor"));
    } catch (RowProblem problem) {
      return Future.failedFuture(ServiceException.invalid(problem.describe()));
    }
    String pattern = search == null || search.isBlank() ? null : "%" + likeEscaped(search.strip().toLowerCase()) + "%";
    Tuple query = Tuple.tuple().addValue(org).addValue(pattern).addValue(status).addValue(after).addValue(limit + 1);
    return pool.preparedQuery(LIST).execute(query).map(rows -> {
      JsonArray users = new JsonArray();
      String last = null;
      for (Row row : rows) {
        if (users.size() == limit) {
          return new JsonObject().put("users", users).put("next", cursor(last));
        }
        users.add(describe(row));
        last = row.getString("email");
      }
      return new JsonObject().put("users", users).putNull("next");
    });
  }

  /**
   * Replaces email, name and status, and the role when given (a request without one keeps it); {@code org} changes
   * only through {@link #move}.
   */
  Future<JsonObject> update(AdminActor actor, String org, String id, JsonObject body) {
    UserRecord fields;
    Optional<String> role;
    try {
      rejectUnknownFields(body, CREATE_FIELDS);
      fields = UserRows.check(text(body, "email"), text(body, "name"), org, text(body, "status"));
      role = role(body);
    } catch (RowProblem problem) {
      return Future.failedFuture(ServiceException.invalid(problem.describe()));
    }
    return pool.withTransaction(sql -> current(sql, SELECT_FOR_UPDATE, actor, org, id).compose(before ->
            sql.preparedQuery(UPDATE).execute(Tuple.of(UUID.fromString(id), fields.email().value(), fields.name(),
                fields.status().value(), role.orElse(null))).compose(rows -> {
              JsonObject after = describe(rows.iterator().next());
              boolean disabled = fields.status() == UserStatus.DISABLED
                  && !UserStatus.DISABLED.value().equals(before.getString("status"));
              boolean readdressed = !fields.email().value().equals(before.getString("email"));
              Future<Integer> revoked = disabled || readdressed
                  ? revocations.revokeAll(sql, owner(before), disabled ? "user_disabled" : "user_email_changed",
                      ClientInfo.ADMIN_API)
                  : Future.succeededFuture(0);
              return revoked.compose(count -> outbox.append(sql, AdminChangeEvents.change("admin.user.updated",
                      actor, org, target(after), before, after.copy().put("revokedApiKeys", count))))
                  .map(done -> new Change(after, disabled || readdressed));
            })))
        .map(change -> {
          if (change.endsSessions()) {
            announceUserChanged.accept(UUID.fromString(id));
          }
          return change.user();
        })
        .recover(UserStore::explainConflict);
  }

  Future<Void> delete(AdminActor actor, String org, String id) {
    return pool.withTransaction(sql -> current(sql, SELECT_FOR_UPDATE, actor, org, id)
            .compose(before -> deleteLocked(sql, actor, before)))
        .onSuccess(done -> announceUserChanged.accept(UUID.fromString(id)));
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

  private Future<Integer> deleteBatchesOf(AdminActor actor, String org, int deletedBefore) {
    return pool.withTransaction(sql -> sql.preparedQuery(SELECT_ORG_BATCH_FOR_UPDATE).execute(Tuple.of(org))
            .compose(rows -> {
              List<JsonObject> batch = new ArrayList<>();
              rows.forEach(row -> batch.add(describe(row)));
              Future<Void> deleted = Future.succeededFuture();
              for (JsonObject user : batch) {
                deleted = deleted.compose(previous -> deleteLocked(sql, actor, user));
              }
              return deleted.map(done -> batch);
            }))
        .compose(batch -> {
          batch.forEach(user -> announceUserChanged.accept(UUID.fromString(user.getString("id"))));
          return batch.isEmpty()
              ? Future.succeededFuture(deletedBefore)
              : deleteBatchesOf(actor, org, deletedBefore + batch.size());
        });
  }

  /** The user's keys revoked, the row deleted and its event written, in the caller's transaction. */
  private Future<Void> deleteLocked(SqlConnection sql, AdminActor actor, JsonObject before) {
    return revocations.revokeAll(sql, owner(before), "user_deleted", ClientInfo.ADMIN_API)
        .compose(count -> sql.preparedQuery(DELETE).execute(Tuple.of(UUID.fromString(before.getString("id")))))
        .compose(deleted -> outbox.append(sql, AdminChangeEvents.change("admin.user.deleted", actor,
            before.getString("org"), target(before), before, null)));
  }

  /**
   * {@code {"org": target}}: the fix for "your account was created under a different organization". Platform admins
   * only, since it takes a user out of one org and gives them to another. Both orgs get an {@code admin.user.moved}
   * event; the user's keys are revoked and their sessions end, as they were issued for the old org.
   */
  Future<JsonObject> move(AdminActor actor, String org, String id, JsonObject body) {
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(userNotFound());
    }
    if (!actor.isPlatform()) {
      return Future.failedFuture(ServiceException.forbidden("only a platform admin moves users between orgs"));
    }
    String target;
    try {
      rejectUnknownFields(body, Set.of("org"));
      target = UserRows.org(text(body, "org"));
    } catch (RowProblem problem) {
      return Future.failedFuture(ServiceException.invalid(problem.describe()));
    }
    if (target.equals(org)) {
      return Future.failedFuture(ServiceException.conflict("org: the user is already in org " + org));
    }
    return requireOrg(target).compose(exists -> pool.withTransaction(sql ->
            current(sql, SELECT_FOR_UPDATE, actor, org, id).compose(before ->
                revocations.revokeAll(sql, owner(before), "user_moved", ClientInfo.ADMIN_API).compose(count ->
                    sql.preparedQuery(MOVE).execute(Tuple.of(UUID.fromString(id), target)).compose(rows -> {
                      JsonObject after = describe(rows.iterator().next());
                      JsonObject recorded = after.copy().put("revokedApiKeys", count);
                      return outbox.append(sql, AdminChangeEvents.change("admin.user.moved", actor, org,
                              target(after), before, recorded))
                          .compose(done -> outbox.append(sql, AdminChangeEvents.change("admin.user.moved",
                              actor, target, target(after), before, recorded)))
                          .map(done -> after);
                    })))))
        .onSuccess(moved -> announceUserChanged.accept(UUID.fromString(id)));
  }

  private record Change(JsonObject user, boolean endsSessions) {}

  private Future<Void> requireOrg(String org) {
    return registry.orgBySlug(org).compose(found -> found.isPresent()
        ? Future.succeededFuture()
        : Future.failedFuture(orgNotFound(org)));
  }

  /** The user, when it exists under {@code org} and the actor may see that org; "not found" otherwise. */
  private static Future<JsonObject> current(SqlConnection sql, String select, AdminActor actor, String org, String id) {
    Optional<UUID> userId = parseId(id);
    if (userId.isEmpty() || !actor.mayAccess(org)) {
      return Future.failedFuture(userNotFound());
    }
    return sql.preparedQuery(select).execute(Tuple.of(userId.get())).map(rows -> {
      for (Row row : rows) {
        if (row.getString("org_slug").equals(org)) {
          return describe(row);
        }
      }
      throw userNotFound();
    });
  }

  static JsonObject describe(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("email", row.getString("email"))
        .put("name", row.getString("name"))
        .put("org", row.getString("org_slug"))
        .put("status", row.getString("status"))
        .put("role", row.getString("role"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
  }

  private static ApiKeyOwner owner(JsonObject user) {
    return new ApiKeyOwner(UUID.fromString(user.getString("id")), user.getString("email"), user.getString("org"));
  }

  private static String target(JsonObject user) {
    return "user " + user.getString("id") + " (" + user.getString("email") + ")";
  }

  private static Optional<UUID> parseId(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      return Optional.empty();
    }
  }

  private static void rejectUnknownFields(JsonObject body, Set<String> allowed) {
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw new RowProblem(field, "unknown field (expected " + String.join(", ", allowed.stream().sorted().toList())
            + ")");
      }
    }
  }

  private static Optional<String> role(JsonObject body) {
    Optional<String> role = Optional.ofNullable(text(body, "role"));
    if (role.isPresent() && !ROLES.contains(role.get())) {
      throw new RowProblem("role", "must be member or admin");
    }
    return role;
  }

  /**
   * The user of this id when they may sign in to the console as their org's admin: active, with the admin role.
   * Asked at the console's sign-in and at each of its requests, so that disabling or demoting ends the console session.
   */
  Future<Optional<AdminActor>> consoleAdmin(UUID userId) {
    return pool.preparedQuery(CONSOLE_ADMIN).execute(Tuple.of(userId)).map(rows -> {
      for (Row row : rows) {
        return Optional.of(AdminActor.ofDirectoryAdmin(row.getUUID("id"), row.getString("org_slug"),
            row.getString("email")));
      }
      return Optional.empty();
    });
  }

  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new RowProblem(field, "must be a string");
    }
    return (String) value;
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_PAGE;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_PAGE) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new RowProblem("limit", "must be a whole number from 1 to " + MAX_PAGE);
  }

  /** Cursors are opaque to clients: the last email of the previous page, base64url. */
  private static String cursor(String lastEmail) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastEmail.getBytes(StandardCharsets.UTF_8));
  }

  private static String cursorEmail(String cursor) {
    if (cursor == null) {
      return "";
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      throw new RowProblem("cursor", "not a cursor of this listing");
    }
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static <T> Future<T> explainConflict(Throwable failure) {
    return Future.failedFuture(failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
        ? ServiceException.conflict("email: already registered")
        : failure);
  }

  private static ServiceException orgNotFound(String org) {
    return ServiceException.notFound("org: no org " + org);
  }

  private static ServiceException userNotFound() {
    return ServiceException.notFound("id: no such user in this org");
  }
}
