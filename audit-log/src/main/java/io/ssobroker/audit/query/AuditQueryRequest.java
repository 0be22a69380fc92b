package io.ssobroker.audit.query;

import io.ssobroker.audit.store.AuditQuery;
import io.ssobroker.audit.store.PageCursor;
import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the query parameters of {@code GET /admin/v1/audit} into an {@link AuditQuery}, with what the actor may see:
 * an org admin sees its own org only (no {@code org}: its own; another org: not found, as everywhere else).
 */
public final class AuditQueryRequest {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private static final Set<String> PARAMETERS = Set.of("org", "type", "category", "from", "to", "limit", "cursor");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z]\\w{0,39}");
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
  private static final Pattern TYPE_PREFIX = Pattern.compile("([a-z][a-z0-9_]*(\\.[a-z0-9_]+)*\\.)\\*");
  private static final Set<String> CATEGORIES =
      Arrays.stream(LoginFailureCategory.values()).map(LoginFailureCategory::code).collect(Collectors.toSet());

  private AuditQueryRequest() {}

  /** @throws ServiceException INVALID_REQUEST naming the parameter, or NOT_FOUND for another org */
  public static AuditQuery parse(AdminActor actor, JsonObject params) {
    for (String name : params.fieldNames()) {
      if (!PARAMETERS.contains(name)) {
        String problem = "unknown query parameter; use org, type, category, from, to, limit or cursor";
        throw PARAMETER_NAME.matcher(name).matches() ? ServiceException.invalid(name, problem)
            : ServiceException.invalid(problem);
      }
    }
    Optional<String> type = text(params, "type");
    Optional<Instant> from = time(params, "from");
    Optional<Instant> to = time(params, "to");
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw ServiceException.invalid("to", "must be later than from");
    }
    return new AuditQuery(
        visibleOrg(actor, text(params, "org")),
        type.filter(TYPE.asMatchPredicate()),
        typePrefix(type),
        category(params),
        from,
        to,
        limit(params),
        text(params, "cursor").map(cursor -> PageCursor.decode(cursor).orElseThrow(() ->
            ServiceException.invalid("cursor", "not a cursor from a previous answer of this endpoint"))));
  }

  private static Optional<String> visibleOrg(AdminActor actor, Optional<String> asked) {
    asked.ifPresent(org -> {
      if (!OrgSlug.isValid(org)) {
        throw ServiceException.invalid("org", "" + OrgSlug.describeRule());
      }
      if (!actor.mayAccess(org)) {
        throw ServiceException.notFound("org", "no org " + org);
      }
    });
    return actor.isPlatform() ? asked : actor.org();
  }

  /** {@code admin.*}: every type under {@code admin.}; {@code *} alone: every type. */
  private static Optional<String> typePrefix(Optional<String> type) {
    if (type.isEmpty() || TYPE.matcher(type.get()).matches() || type.get().equals("*")) {
      return Optional.empty();
    }
    var prefix = TYPE_PREFIX.matcher(type.get());
    if (!prefix.matches()) {
      throw ServiceException.invalid("type", "must be an event type such as login.failed, or a prefix such as admin.*");
    }
    return Optional.of(prefix.group(1));
  }

  private static Optional<String> category(JsonObject params) {
    Optional<String> category = text(params, "category");
    category.ifPresent(code -> {
      if (!CATEGORIES.contains(code)) {
        throw ServiceException.invalid("category", "must be one of " + Arrays.stream(LoginFailureCategory.values())
            .map(LoginFailureCategory::code).collect(Collectors.joining(", ")));
      }
    });
    return category;
  }

  private static Optional<Instant> time(JsonObject params, String name) {
    return text(params, name).map(text -> {
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException malformed) {
        throw ServiceException.invalid(name, "not an RFC 3339 time, such as 2026-11-22T09:00:00Z");
      }
    });
  }

  private static int limit(JsonObject params) {
    Optional<String> text = text(params, "limit");
    if (text.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.get());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw ServiceException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static Optional<String> text(JsonObject params, String name) {
    Object value = params.getValue(name);
    if (value == null) {
      return Optional.empty();
    }
    String text = value.toString().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
