package io.ssobroker.directory.imports;

import io.ssobroker.directory.imports.ImportLineParser.Parsed;
import io.ssobroker.directory.imports.ImportLineParser.Rejected;
import io.ssobroker.directory.imports.ImportLineParser.Row;
import io.ssobroker.directory.imports.ImportStaging.NewlyDisabled;
import io.ssobroker.directory.imports.ImportStaging.TakenElsewhere;
import io.ssobroker.directory.imports.UserImportRequests.Abort;
import io.ssobroker.directory.imports.UserImportRequests.Begin;
import io.ssobroker.directory.imports.UserImportRequests.Chunk;
import io.ssobroker.directory.imports.UserImportRequests.ChunkChecked;
import io.ssobroker.directory.imports.UserImportRequests.Finish;
import io.ssobroker.directory.imports.UserImportRequests.Outcome;
import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.registry.RegistryClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Bulk import of an org's users, streamed ({@link UserImportContract}): each chunk of lines is checked and its good
 * rows staged; finishing applies every staged row in one transaction (created or updated by email), or none of them
 * when the import is atomic and any line was rejected. Rows whose email belongs to another org are rejected, never
 * taken over. Users disabled by the import lose their API keys and sessions as with a single update.
 */
public final class UserImportService {

  /** At most this many row errors are reported back; the count of rejected lines is always exact. */
  static final int MAX_REPORTED_ERRORS = 1_000;

  private final Pool pool;
  private final ImportStaging staging;
  private final AuditOutbox outbox;
  private final DisabledUserKeys disabledUserKeys;
  private final RegistryClient registry;
  private final Consumer<UUID> announceUserChanged;

  public UserImportService(Pool pool, ImportStaging staging, AuditOutbox outbox, DisabledUserKeys disabledUserKeys,
      RegistryClient registry, Consumer<UUID> announceUserChanged) {
    this.pool = pool;
    this.staging = staging;
    this.outbox = outbox;
    this.disabledUserKeys = disabledUserKeys;
    this.registry = registry;
    this.announceUserChanged = announceUserChanged;
  }

  Future<UUID> begin(Begin begin) {
    UUID id = UUID.randomUUID();
    return authorizeOrg(begin.actor(), begin.org())
        .compose(allowed -> requireOrg(begin.org()))
        .compose(exists -> staging.begin(id, begin.org()))
        .map(begun -> id);
  }

  /** Checks and stages one chunk; a bad CSV header refuses the whole chunk. */
  Future<ChunkChecked> chunk(Chunk chunk) {
    List<Parsed> parsed = new ImportLineParser(chunk.format(), chunk.org(), chunk.header())
        .parse(chunk.firstLine(), chunk.lines());
    List<Row> rows = new ArrayList<>();
    List<Rejected> errors = new ArrayList<>();
    parsed.forEach(line -> {
      if (line instanceof Row row) {
        rows.add(row);
      } else {
        errors.add((Rejected) line);
      }
    });
    return requireOpen(chunk.actor(), chunk.org(), chunk.importId())
        .compose(open -> stageRows(chunk.importId(), rows))
        .map(staged -> {
          errors.addAll(staged.duplicates());
          errors.sort(Comparator.comparingLong(Rejected::line));
          return new ChunkChecked(staged.count(), errors);
        });
  }

  Future<Outcome> finish(Finish finish) {
    return requireOpen(finish.actor(), finish.org(), finish.importId())
        .compose(open -> pool.withTransaction(sql -> lockOpen(sql, finish)
            .compose(locked -> staging.takenElsewhere(sql, finish.importId(), finish.org()))
            .compose(taken -> conclude(sql, finish, taken))))
        .onSuccess(outcome -> outcome.disabledUsers().forEach(announceUserChanged));
  }

  Future<Void> abort(Abort abort) {
    return requireOpen(abort.actor(), abort.org(), abort.importId())
        .compose(open -> staging.discard(pool, abort.importId()));
  }

  /** Imports nobody finished or aborted (the gateway died mid-upload) are dropped after a day. */
  public Future<Integer> discardAbandoned() {
    return staging.discardAbandoned();
  }

  private record StagedRows(int count, List<Rejected> duplicates) {}

  private Future<StagedRows> stageRows(UUID id, List<Row> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(new StagedRows(0, List.of()));
    }
    return pool.withTransaction(sql -> staging.stage(sql, id, rows)
        .compose(stagedLines -> reportDuplicates(sql, id, rows, new HashSet<>(stagedLines))));
  }

  /** Rows the import had staged an email of already: rejected, naming the line that has it. */
  private Future<StagedRows> reportDuplicates(SqlClient sql, UUID id, List<Row> rows, Set<Long> stagedLines) {
    List<Row> duplicates = rows.stream().filter(row -> !stagedLines.contains(row.line())).toList();
    if (duplicates.isEmpty()) {
      return Future.succeededFuture(new StagedRows(stagedLines.size(), List.of()));
    }
    List<String> emails = duplicates.stream().map(ImportLineParser.Row::email).toList();
    return staging.stagedLines(sql, id, emails).map(firstLine -> new StagedRows(stagedLines.size(),
        duplicates.stream().map(duplicate -> new Rejected(duplicate.line(), "email", "already appears on line "
            + firstLine.get(duplicate.email()))).toList()));
  }

  private Future<Void> lockOpen(SqlClient sql, Finish finish) {
    return staging.lock(sql, finish.importId(), finish.org())
        .compose(locked -> locked ? Future.succeededFuture() : Future.failedFuture(importGone()));
  }

  private Future<Outcome> conclude(SqlClient sql, Finish finish, List<TakenElsewhere> taken) {
    long rejected = finish.rejectedLines() + taken.size();
    List<Rejected> reported = taken.stream().limit(MAX_REPORTED_ERRORS)
        .map(row -> new Rejected(row.line(), "email", "registered under another org (move the user instead)"))
        .toList();
    if (finish.atomic() && rejected > 0) {
      return staging.discard(sql, finish.importId()).map(discarded -> Outcome.discarded(rejected, reported));
    }
    return applyStaged(sql, finish, taken.size(), rejected, reported);
  }

  private record Disabled(List<UUID> users, int revokedApiKeys) {}

  private Future<Outcome> applyStaged(SqlClient sql, Finish finish, long takenElsewhere, long rejected,
      List<Rejected> reported) {
    return staging.stagedCount(sql, finish.importId())
        .compose(staged -> disableUsers(sql, finish).compose(disabled -> staging.apply(sql, finish.importId(),
                finish.org())
            .map(applied -> new Outcome(true, applied.created(), applied.updated(),
                staged - takenElsewhere - applied.created() - applied.updated(), disabled.revokedApiKeys(), rejected,
                reported, disabled.users()))))
        .compose(outcome -> recordImport(sql, finish, outcome))
        .compose(outcome -> staging.discard(sql, finish.importId()).map(discarded -> outcome));
  }

  private Future<Disabled> disableUsers(SqlClient sql, Finish finish) {
    return staging.newlyDisabled(sql, finish.importId(), finish.org()).compose(users -> {
      Future<Integer> revoked = Future.succeededFuture(0);
      for (NewlyDisabled user : users) {
        revoked = revoked.compose(sum -> disabledUserKeys.revokeAll(sql, user.userId(), user.email(), finish.org())
            .map(count -> sum + count));
      }
      return revoked.map(count -> new Disabled(users.stream().map(NewlyDisabled::userId).toList(), count));
    });
  }

  private Future<Outcome> recordImport(SqlClient sql, Finish finish, Outcome outcome) {
    JsonObject counts = new JsonObject().put("created", outcome.created()).put("updated", outcome.updated())
        .put("unchanged", outcome.unchanged()).put("revokedApiKeys", outcome.revokedApiKeys());
    return outbox.append(sql, AdminChangeEvents.change("admin.users.imported", finish.actor(), finish.org(),
        "users of org " + finish.org(), null, counts)).map(recorded -> outcome);
  }

  /** Whether the actor may import into the org: another org, or no org at all, is "not found". */
  static Future<Void> authorizeOrg(AdminActor actor, String org) {
    return actor.mayAccess(org) && OrgSlug.isValid(org) ? Future.succeededFuture()
        : Future.failedFuture(notFound("org", "no org " + org));
  }

  private Future<Void> requireOrg(String org) {
    return registry.orgBySlug(org).compose(found -> found.isPresent() ? Future.succeededFuture()
        : Future.failedFuture(notFound("org", "no org " + org)));
  }

  private Future<Void> requireOpen(AdminActor actor, String org, UUID id) {
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(importGone());
    }
    return staging.isOpen(id, org).compose(open -> open ? Future.succeededFuture() : Future.failedFuture(importGone()));
  }

  static ServiceException importGone() {
    return notFound("importId", "no such import in progress");
  }

  private static ServiceException notFound(String field, String problem) {
    return ServiceException.notFound(field, problem);
  }
}
