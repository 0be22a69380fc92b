package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** What an import did, and each rejected line with why. */
public record ImportReport(boolean applied, long created, long updated, long unchanged, long rejected,
    boolean errorsTruncated, List<LineError> errors) {

  /** A rejected line: its number in the file, the field at fault when one is, and the reason. */
  public record LineError(long line, String field, String message) {}

  public static ImportReport of(JsonObject report) {
    return new ImportReport(report.getBoolean("applied", false), report.getLong("created", 0L),
        report.getLong("updated", 0L), report.getLong("unchanged", 0L), report.getLong("rejected", 0L),
        report.getBoolean("errorsTruncated", false), report.getJsonArray("errors").stream()
            .map(JsonObject.class::cast).map(error -> new LineError(error.getLong("line"),
                error.getString("field", ""), error.getString("message", ""))).toList());
  }
}
