package io.ssobroker.directory;

import io.ssobroker.directory.UserRequests.NewUser;
import io.ssobroker.directory.UserRequests.UserChange;
import io.ssobroker.directory.UserRequests.UserListing;
import io.ssobroker.directory.UserRequests.UserMove;
import io.ssobroker.directory.UserRequests.UserPage;
import io.ssobroker.directory.UserRequests.UserRef;
import io.ssobroker.directory.imports.RowProblem;
import io.ssobroker.directory.imports.UserRecord;
import io.ssobroker.directory.imports.UserRows;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.directory.UserStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The users admin API: each request read into a checked request record (a refused field is the failure's
 * {@code field}), handed to {@link UserService}, and its answer written as the API's JSON.
 */
final class UserHandlers {

  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 1_000;

  private static final Set<String> USER_FIELDS = Set.of("email", "name", "status", "role");
  private static final Set<String> ROLES = Set.of("member", "admin");
  private static final int MAX_SEARCH = 100;

  private final UserService users;

  UserHandlers(UserService users) {
    this.users = users;
  }

  Future<JsonObject> create(AdminRequest request) {
    return UserService.authorizeOrg(request.actor(), request.param("org"))
        .compose(allowed -> users.create(newUser(request)))
        .map(UserAccount::toJson);
  }

  Future<JsonObject> get(AdminRequest request) {
    return users.get(ref(request)).map(UserAccount::toJson);
  }

  /** {@code search} matches any part of the email or the name; {@code cursor} continues a listing. */
  Future<JsonObject> list(AdminRequest request) {
    return UserService.authorizeOrg(request.actor(), request.param("org"))
        .compose(allowed -> users.list(new UserListing(request.actor(), query(request))))
        .map(UserHandlers::page);
  }

  /** Replaces email, name and status, and the role when given (a request without one keeps it). */
  Future<JsonObject> update(AdminRequest request) {
    UserChange change = checked(() -> {
      JsonObject body = request.body();
      rejectUnknownFields(body, USER_FIELDS);
      UserRecord fields = UserRows.check(text(body, "email"), text(body, "name"), request.param("org"),
          text(body, "status"));
      return new UserChange(ref(request), fields, role(body));
    });
    return users.update(change).map(UserAccount::toJson);
  }

  Future<JsonObject> delete(AdminRequest request) {
    return users.delete(ref(request)).map(deleted -> new JsonObject());
  }

  /** {@code {"org": target}}. */
  Future<JsonObject> move(AdminRequest request) {
    return UserService.authorizeMove(request.actor(), request.param("org"))
        .compose(allowed -> users.move(checked(() -> {
          rejectUnknownFields(request.body(), Set.of("org"));
          return new UserMove(ref(request), UserRows.org(text(request.body(), "org")));
        })))
        .map(UserAccount::toJson);
  }

  Future<JsonObject> deleteOrgUsers(AdminRequest request) {
    return users.deleteAllOf(request.actor(), request.param("org"))
        .map(deleted -> new JsonObject().put("deleted", deleted));
  }

  private static NewUser newUser(AdminRequest request) {
    String org = request.param("org");
    return checked(() -> {
      JsonObject body = request.body();
      rejectUnknownFields(body, USER_FIELDS);
      UserRecord fields = new UserRecord(UserRows.email(text(body, "email")), UserRows.name(text(body, "name")), org,
          UserRows.status(text(body, "status")));
      return new NewUser(request.actor(), org, fields, role(body).orElse("member"));
    });
  }

  private static UserQuery query(AdminRequest request) {
    JsonObject params = request.params();
    return checked(() -> {
      Optional<String> search = search(params.getString("search"));
      Optional<UserStatus> status = status(params.getString("status"));
      int limit = limit(params.getString("limit"));
      return new UserQuery(request.param("org"), search, status, UserCursor.email(params.getString("cursor")), limit);
    });
  }

  private static JsonObject page(UserPage page) {
    JsonArray users = new JsonArray();
    page.users().forEach(user -> users.add(user.toJson()));
    return new JsonObject().put("users", users).put("next", UserCursor.next(page));
  }

  private static UserRef ref(AdminRequest request) {
    return new UserRef(request.actor(), request.param("org"), parseId(request.param("id")));
  }

  /** A request record, or the refusal of the field a rule of the user's fields found wrong. */
  private static <T> T checked(Supplier<T> reading) {
    try {
      return reading.get();
    } catch (RowProblem problem) {
      throw problem.refusal();
    }
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

  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new RowProblem(field, "must be a string");
    }
    return (String) value;
  }

  private static Optional<String> search(String search) {
    if (search != null && search.length() > MAX_SEARCH) {
      throw new RowProblem("search", "at most " + MAX_SEARCH + " characters");
    }
    return Optional.ofNullable(search);
  }

  private static Optional<UserStatus> status(String status) {
    return status == null ? Optional.empty() : Optional.of(UserRows.status(status));
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
      // refused below
    }
    throw ServiceException.invalid("limit", "must be a whole number from 1 to " + MAX_PAGE);
  }
}
