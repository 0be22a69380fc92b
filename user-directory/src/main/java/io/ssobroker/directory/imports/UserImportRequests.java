package io.ssobroker.directory.imports;

import io.ssobroker.directory.imports.ImportLineParser.Rejected;
import io.ssobroker.platform.admin.AdminActor;
import java.util.List;
import java.util.UUID;

/** The typed messages of {@link UserImportContract}, as the handlers read them and the service answers them. */
final class UserImportRequests {

  private UserImportRequests() {}

  record Begin(AdminActor actor, String org, ImportFormat format) {}

  /** Consecutive lines of the upload, the first of them line {@code firstLine}; {@code header} is its line 1. */
  record Chunk(AdminActor actor, String org, UUID importId, ImportFormat format, String header, long firstLine,
      List<String> lines) {}

  record Finish(AdminActor actor, String org, UUID importId, boolean atomic, long rejectedLines) {}

  record Abort(AdminActor actor, String org, UUID importId) {}

  /** A chunk checked: how many of its rows were staged, and its rejected lines by line number. */
  record ChunkChecked(int staged, List<Rejected> errors) {}

  /**
   * A finished import: applied (or, atomic with a rejected line, discarded), its counts, its rejected lines beyond the
   * chunks' (emails another org holds) and the users it disabled, whose sessions end.
   */
  record Outcome(boolean applied, int created, int updated, long unchanged, int revokedApiKeys, long rejected,
      List<Rejected> errors, List<UUID> disabledUsers) {

    static Outcome discarded(long rejected, List<Rejected> errors) {
      return new Outcome(false, 0, 0, 0, 0, rejected, errors, List.of());
    }
  }
}
