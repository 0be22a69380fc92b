package io.ssobroker.directory.imports;

import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import java.time.Duration;

/**
 * The messages of a streamed bulk import of users, all {@link AdminRequest}s of the same actor and org:
 *
 * <ol>
 *   <li>{@link AdminContract#BEGIN_USER_IMPORT}, body {@code {"format": "csv"|"jsonl"}}: reply {@code {"importId"}}.
 *   <li>{@link AdminContract#USER_IMPORT_CHUNK}, body {@code {"importId", "format", "header", "firstLine", "lines"}}:
 *       consecutive lines of the upload (CSV: {@code header} is the upload's first line, repeated in every chunk);
 *       reply {@code {"staged": n, "errors": [{"line", "field", "message"}]}}.
 *   <li>{@link AdminContract#FINISH_USER_IMPORT}, body {@code {"importId", "atomic", "rejectedLines"}}: applies the
 *       staged rows in one transaction, or none of them when {@code atomic} and any line was rejected; reply
 *       {@code {"applied", "created", "updated", "unchanged", "errors": [...]}}.
 *   <li>{@link AdminContract#ABORT_USER_IMPORT}, body {@code {"importId"}}: discards the staged rows.
 * </ol>
 */
public final class UserImportContract {

  /** Lines per chunk: a chunk is one event-bus message, so it stays well under a megabyte. */
  public static final int LINES_PER_CHUNK = 1_000;

  /** A chunk is checked and staged within this time, however busy the database. */
  public static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(30);

  /** Applying the staged rows grows with their number: about 5 seconds per 100,000 rows on a small machine. */
  public static final Duration FINISH_TIMEOUT = Duration.ofMinutes(10);

  /** Longest accepted line of an upload, in bytes. */
  public static final int MAX_LINE_BYTES = 16 * 1024;

  private UserImportContract() {}
}
