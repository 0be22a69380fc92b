package io.ssobroker.directory;

import io.ssobroker.directory.ImportLineParser.Format;
import io.ssobroker.directory.ImportLineParser.Parsed;
import io.ssobroker.directory.ImportLineParser.Rejected;
import io.ssobroker.directory.ImportLineParser.Row;
import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.registry.RegistryClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Bulk import of an org's users, streamed (see {@link io.ssobroker.platform.admin.UserImportContract}): each chunk of
 * lines is checked and its good rows staged in PostgreSQL; finishing applies every staged row in one transaction
 * (created or updated by email), or none of them when the import is atomic and any line was rejected. Rows whose
 * email belongs to another org are rejected, never taken over. Users disabled by the import lose their API keys and
 * sessions as with a single update.
 */
final class UserImport {

  /** At most this many row errors are reported back; the count of rejected lines is always exact. */
  static final int MAX_REPORTED_ERRORS = 1_000;

  private static final String BEGIN = "insert into directory.imports (id, org_slug) values ($1, $2)";
  private static final String OWNED = "select 1 from directory.imports where id = $1 and org_slug = $2";
  private static final String LOCK = OWNED + " for update";
  private static final String STAGE = """
      insert into directory.import_rows (import_id, email, line, name, status)
      select $1, * from unnest($2::text[], $3::bigint[], $4::text[], $5::text[])
      on conflict (import_id, email) do nothing returning line
      """;
  private static final String EARLIER_LINES = "select email, line from directory.import_rows "
      + "where import_id = $1 and email = any($2)";
  private static final String STAGED = "select count(*) from directory.import_rows where import_id = $1";
  private static final String TAKEN_ELSEWHERE = """
      select r.line, r.email from directory.import_rows r join directory.users u on u.email = r.email
       where r.import_id = $1 and u.org_slug <> $2 order by r.line
      """;
  private static final String NEWLY_DISABLED = """
      select u.id, u.email from directory.import_rows r join directory.users u on u.email = r.email
       where r.import_id = $1 and u.org_slug = $2 and u.status = 'active' and r.status = 'disabled'
      """;
  private static final String APPLY = """
      insert into directory.users (id, email, name, org_slug, status)
      select gen_random_uuid(), r.email, r.name, $2, r.status from directory.import_rows r
       where r.import_id = $1
         and not exists (select 1 from directory.users u where u.email = r.email and u.org_slug <> $2)
      on conflict (email) do update set name = excluded.name, status = excluded.status, updated_at = now()
       where users.org_slug = excluded.org_slug
         and (users.name, users.status) is distinct from (excluded.name, excluded.status)
      returning (xmax = 0) as created
      """;
  private static final String DISCARD = "delete from directory.imports where id = $1";
  private static final String DISCARD_ABANDONED = "delete from directory.imports "
      + "where created_at < now() - interval '1 day'";

  private final Pool pool;
  private final AuditOutbox outbox;
  private final ApiKeyRevocations revocations;
  private final RegistryClient registry;
  private final Consumer<UUID> announceUserChanged;

  UserImport(Pool pool, AuditOutbox outbox, RegistryClient registry, Consumer<UUID> announceUserChanged) {
    this.pool = pool;
    this.outbox = outbox;
    this.revocations = new ApiKeyRevocations(outbox);
    this.registry = registry;
    this.announceUserChanged = announceUserChanged;
  }

  Future<JsonObject> begin(AdminActor actor, String org, JsonObject body) {
    if (!actor.mayAccess(org) || !OrgSlug.isValid(org)) {
      return Future.failedFuture(ServiceException.notFound("org: no org " + org));
    }
    Format.parse(body.getString("format"));
    UUID id = UUID.randomUUID();
    return registry.orgBySlug(org)
        .compose(found -> found.isPresent() ? Future.succeededFuture()
            : Future.failedFuture(ServiceException.notFound("org: no org " + org)))
        .compose(exists -> pool.preparedQuery(BEGIN).execute(Tuple.of(id, org)))
        .map(begun -> new JsonObject().put("importId", id.toString()));
  }

  /** Checks and stages one chunk; answers how many rows were staged and the chunk's rejected lines. */
  Future<JsonObject> chunk(AdminActor actor, String org, JsonObject body) {
    UUID id = importId(body);
    ImportLineParser parser = new ImportLineParser(Format.parse(body.getString("format")), org,
        body.getString("header"));
    List<Parsed> parsed = parser.parse(body.getLong("firstLine", 1L), lines(body));
    List<Row> rows = new ArrayList<>();
    JsonArray errors = new JsonArray();
    for (Parsed line : parsed) {
      if (line instanceof Row row) {
        rows.add(row);
      } else {
        errors.add(((Rejected) line).toJson());
      }
    }
    return owned(actor, org, id).compose(mine -> stage(id, rows, errors))
        .map(staged -> new JsonObject().put("staged", staged).put("errors", sortedByLine(errors)));
  }

  Future<JsonObject> finish(AdminActor actor, String org, JsonObject body) {
    UUID id = importId(body);
    boolean atomic = body.getBoolean("atomic", false);
    long rejectedLines = body.getLong("rejectedLines", 0L);
    List<UUID> disabled = new ArrayList<>();
    return owned(actor, org, id).compose(mine -> pool.withTransaction(sql -> sql.preparedQuery(LOCK)
            .execute(Tuple.of(id, org))
            .compose(locked -> locked.rowCount() == 0 ? Future.failedFuture(importGone()) : takenElsewhere(sql, id, org))
            .compose(conflicts -> {
              long rejected = rejectedLines + conflicts.count();
              if (atomic && rejected > 0) {
                return sql.preparedQuery(DISCARD).execute(Tuple.of(id)).map(discarded -> new JsonObject()
                    .put("applied", false).put("created", 0).put("updated", 0).put("unchanged", 0)
                    .put("rejected", rejected).put("errors", conflicts.reported()));
              }
              return apply(sql, actor, org, id, disabled, conflicts.count()).map(counts -> counts.put("applied", true)
                  .put("rejected", rejected).put("errors", conflicts.reported()));
            })))
        .onSuccess(done -> disabled.forEach(announceUserChanged));
  }

  Future<JsonObject> abort(AdminActor actor, String org, JsonObject body) {
    UUID id = importId(body);
    return owned(actor, org, id).compose(mine -> pool.preparedQuery(DISCARD).execute(Tuple.of(id)))
        .map(discarded -> new JsonObject());
  }

  /** Imports nobody finished or aborted (the gateway died mid-upload) are dropped after a day. */
  Future<Integer> discardAbandoned() {
    return pool.query(DISCARD_ABANDONED).execute().map(rows -> rows.rowCount());
  }

  private Future<Integer> stage(UUID id, List<Row> rows, JsonArray errors) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(0);
    }
    String[] emails = rows.stream().map(row -> row.user().email().value()).toArray(String[]::new);
    Tuple batch = Tuple.of(id, emails, rows.stream().map(Row::line).toArray(Long[]::new),
        rows.stream().map(row -> row.user().name()).toArray(String[]::new),
        rows.stream().map(row -> row.user().status().value()).toArray(String[]::new));
    return pool.withTransaction(sql -> sql.preparedQuery(STAGE).execute(batch).compose(inserted -> {
      Set<Long> stagedLines = new HashSet<>();
      inserted.forEach(row -> stagedLines.add(row.getLong("line")));
      if (stagedLines.size() == rows.size()) {
        return Future.succeededFuture(rows.size());
      }
      List<Row> duplicates = rows.stream().filter(row -> !stagedLines.contains(row.line())).toList();
      String[] duplicateEmails = duplicates.stream().map(row -> row.user().email().value()).toArray(String[]::new);
      return sql.preparedQuery(EARLIER_LINES).execute(Tuple.tuple().addValue(id).addValue(duplicateEmails)).map(earlier -> {
        java.util.Map<String, Long> firstLine = new java.util.HashMap<>();
        earlier.forEach(row -> firstLine.put(row.getString("email"), row.getLong("line")));
        for (Row duplicate : duplicates) {
          errors.add(new Rejected(duplicate.line(), "email", "already appears on line "
              + firstLine.get(duplicate.user().email().value())).toJson());
        }
        return stagedLines.size();
      });
    }));
  }

  /** Rows whose email another org holds: rejected, the first {@link #MAX_REPORTED_ERRORS} of them reported. */
  private record Conflicts(long count, JsonArray reported) {}

  private static Future<Conflicts> takenElsewhere(SqlConnection sql, UUID id, String org) {
    return sql.preparedQuery(TAKEN_ELSEWHERE).execute(Tuple.of(id, org)).map(rows -> {
      JsonArray reported = new JsonArray();
      for (var row : rows) {
        if (reported.size() < MAX_REPORTED_ERRORS) {
          reported.add(new Rejected(row.getLong("line"), "email",
              "registered under another org (move the user instead)").toJson());
        }
      }
      return new Conflicts(rows.rowCount(), reported);
    });
  }

  private Future<JsonObject> apply(SqlConnection sql, AdminActor actor, String org, UUID id, List<UUID> disabled,
      long takenElsewhere) {
    return sql.preparedQuery(STAGED).execute(Tuple.of(id))
        .compose(staged -> sql.preparedQuery(NEWLY_DISABLED).execute(Tuple.of(id, org)).compose(users -> {
          Future<Integer> revoked = Future.succeededFuture(0);
          for (var user : users) {
            UUID userId = user.getUUID("id");
            disabled.add(userId);
            ApiKeyOwner owner = new ApiKeyOwner(userId, user.getString("email"), org);
            revoked = revoked.compose(sum -> revocations.revokeAll(sql, owner, "user_disabled", ClientInfo.ADMIN_API)
                .map(count -> sum + count));
          }
          return revoked;
        }).compose(revokedKeys -> sql.preparedQuery(APPLY).execute(Tuple.of(id, org)).compose(applied -> {
          int created = 0;
          for (var row : applied) {
            created += row.getBoolean("created") ? 1 : 0;
          }
          int updated = applied.rowCount() - created;
          long unchanged = staged.iterator().next().getLong(0) - takenElsewhere - applied.rowCount();
          JsonObject counts = new JsonObject().put("created", created).put("updated", updated)
              .put("unchanged", unchanged).put("revokedApiKeys", revokedKeys);
          return outbox.append(sql, AdminChangeEvents.change("admin.users.imported", actor, org,
                  "users of org " + org, null, counts.copy()))
              .compose(recorded -> sql.preparedQuery(DISCARD).execute(Tuple.of(id)))
              .map(discarded -> counts);
        })));
  }

  private Future<Void> owned(AdminActor actor, String org, UUID id) {
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(importGone());
    }
    return pool.preparedQuery(OWNED).execute(Tuple.of(id, org))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(importGone()));
  }

  private static UUID importId(JsonObject body) {
    try {
      return UUID.fromString(body.getString("importId"));
    } catch (IllegalArgumentException | NullPointerException | ClassCastException notAnId) {
      throw ServiceException.invalid("importId: not an import of this broker");
    }
  }

  private static List<String> lines(JsonObject body) {
    JsonArray lines = body.getJsonArray("lines", new JsonArray());
    List<String> text = new ArrayList<>(lines.size());
    for (Object line : lines) {
      text.add(line instanceof String string ? string : "");
    }
    return text;
  }

  private static JsonArray sortedByLine(JsonArray errors) {
    List<JsonObject> sorted = new ArrayList<>();
    errors.forEach(error -> sorted.add((JsonObject) error));
    sorted.sort(java.util.Comparator.comparingLong(error -> error.getLong("line")));
    return new JsonArray(new ArrayList<>(sorted));
  }

  private static ServiceException importGone() {
    return ServiceException.notFound("importId: no such import in progress");
  }
}
