package io.ssobroker.directory.imports;

import io.ssobroker.directory.imports.ImportLineParser.Row;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The staging tables of bulk imports in progress ({@code directory.imports}, {@code directory.import_rows}) and the
 * statement that applies a finished import to the users. Methods taking a {@link SqlClient} run in the caller's
 * transaction.
 */
interface ImportStaging {

  /** A staged row's line whose email another org holds. */
  record TakenElsewhere(long line, String email) {}

  /** A user of the import's org whom the import disables. */
  record NewlyDisabled(UUID userId, String email) {}

  /** What applying changed: rows created, and rows changed of the users already there. */
  record Applied(int created, int updated) {}

  Future<Void> begin(UUID importId, String org);

  /** Whether this import is in progress for {@code org}. */
  Future<Boolean> isOpen(UUID importId, String org);

  /** Locks the import against a concurrent finish; false when it is no longer in progress. */
  Future<Boolean> lock(SqlClient sql, UUID importId, String org);

  /** Stages the rows whose email the import does not have yet; answers the lines staged. */
  Future<List<Long>> stage(SqlClient sql, UUID importId, List<Row> rows);

  /** The line on which each of these emails was staged first. */
  Future<Map<String, Long>> stagedLines(SqlClient sql, UUID importId, List<String> emails);

  Future<Long> stagedCount(SqlClient sql, UUID importId);

  /** Staged rows whose email another org holds, by line. */
  Future<List<TakenElsewhere>> takenElsewhere(SqlClient sql, UUID importId, String org);

  /** Active users of {@code org} whom a staged row disables. */
  Future<List<NewlyDisabled>> newlyDisabled(SqlClient sql, UUID importId, String org);

  /** Creates or updates the users of the staged rows, except rows whose email another org holds. */
  Future<Applied> apply(SqlClient sql, UUID importId, String org);

  Future<Void> discard(SqlClient sql, UUID importId);

  /** Drops imports started more than a day ago; answers how many. */
  Future<Integer> discardAbandoned();
}
