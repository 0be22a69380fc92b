package io.ssobroker.directory.imports;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The client side of {@link UserImportContract}, with the rules of an upload's lines: at most {@link #MAX_LINES}
 * lines of at most {@link UserImportContract#MAX_LINE_BYTES} bytes, a byte order mark and carriage returns dropped,
 * a CSV upload's first line its header. Lines are added one at a time and sent a chunk at a time, the next line
 * waiting while a chunk is checked, so an import of any length needs the memory of one chunk. The admin API's
 * streamed upload and the console's import only feed it lines and read its report.
 */
public final class UserImportStream {

  public static final long MAX_LINES = 1_000_000;

  /** An import refused before the directory saw all of it, with the HTTP status that says why. */
  public static final class Refused extends RuntimeException {
    private final int status;

    public Refused(int status, String detail) {
      super(detail, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final BusRequester bus;
  private final AdminActor actor;
  private final String org;
  private final String format;
  private final String importId;
  private final List<String> pending = new ArrayList<>();
  private final List<JsonObject> errors = new ArrayList<>();
  private String header;
  private long lines;
  private long checkedLines;
  private long rejectedLines;

  private UserImportStream(BusRequester bus, AdminActor actor, String org, String format, String importId) {
    this.bus = bus;
    this.actor = actor;
    this.org = org;
    this.format = format;
    this.importId = importId;
  }

  /** @param format {@code csv} or {@code jsonl} */
  public static Future<UserImportStream> begin(BusRequester bus, AdminActor actor, String org, String format) {
    return send(bus, actor, org, AdminContract.BEGIN_USER_IMPORT, new JsonObject().put("format", format))
        .map(begun -> new UserImportStream(bus, actor, org, format, begun.getString("importId")));
  }

  /**
   * The next line of the upload, without its line break; the future completes when the stream takes the next one
   * (at once, or when the chunk this line completed has been checked).
   */
  public Future<Void> add(String raw) {
    lines++;
    if (lines > MAX_LINES) {
      return Future.failedFuture(new Refused(413, "the upload has more than " + MAX_LINES + " lines; split it"));
    }
    if (raw.getBytes(StandardCharsets.UTF_8).length > UserImportContract.MAX_LINE_BYTES) {
      return Future.failedFuture(tooLong(lines));
    }
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (lines == 1 && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    if (lines == 1 && format.equals("csv")) {
      header = line;
    }
    pending.add(line);
    return pending.size() >= UserImportContract.LINES_PER_CHUNK ? sendPending() : Future.succeededFuture();
  }

  /** The refusal of the line being read, found longer than {@link UserImportContract#MAX_LINE_BYTES} before its end. */
  public Refused lineTooLong() {
    return tooLong(lines + 1);
  }

  private static Refused tooLong(long line) {
    return new Refused(413, "line " + line + " is longer than " + UserImportContract.MAX_LINE_BYTES + " bytes");
  }

  /** Lines added so far, and of them the lines the directory has checked: the import's progress. */
  public long lines() {
    return lines;
  }

  public long checkedLines() {
    return checkedLines;
  }

  /**
   * Sends what is left and applies the staged rows (none of them when {@code atomic} and a line was rejected): the
   * report {@code {"applied", "created", "updated", "unchanged", "rejected", "errors", "errorsTruncated"}}. A last
   * chunk the directory refuses discards the whole import.
   */
  public Future<JsonObject> finish(boolean atomic) {
    return sendPending().onFailure(refused -> abort()).compose(sent -> send(AdminContract.FINISH_USER_IMPORT, new JsonObject()
        .put("importId", importId).put("atomic", atomic).put("rejectedLines", rejectedLines))).map(result -> {
          rejectedLines = result.getLong("rejected", rejectedLines);
          collect(result.getJsonArray("errors"));
          errors.sort(Comparator.comparingLong(error -> error.getLong("line")));
          return new JsonObject()
              .put("applied", result.getBoolean("applied"))
              .put("created", result.getValue("created"))
              .put("updated", result.getValue("updated"))
              .put("unchanged", result.getValue("unchanged"))
              .put("rejected", rejectedLines)
              .put("errors", new JsonArray(new ArrayList<>(errors)))
              .put("errorsTruncated", rejectedLines > errors.size());
        });
  }

  /** Discards what was staged: the upload failed or was refused before it finished. */
  public void abort() {
    send(AdminContract.ABORT_USER_IMPORT, new JsonObject().put("importId", importId));
  }

  private Future<Void> sendPending() {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> chunk = new ArrayList<>(pending);
    long firstLine = checkedLines + 1;
    pending.clear();
    return send(AdminContract.USER_IMPORT_CHUNK, new JsonObject().put("importId", importId).put("format", format)
        .put("header", header).put("firstLine", firstLine).put("lines", new JsonArray(new ArrayList<>(chunk))))
        .map(checked -> {
          checkedLines += chunk.size();
          JsonArray chunkErrors = checked.getJsonArray("errors");
          rejectedLines += chunkErrors.size();
          collect(chunkErrors);
          return null;
        });
  }

  private void collect(JsonArray reported) {
    for (Object error : reported) {
      if (errors.size() < UserImportService.MAX_REPORTED_ERRORS) {
        errors.add((JsonObject) error);
      }
    }
  }

  private Future<JsonObject> send(String address, JsonObject body) {
    return send(bus, actor, org, address, body);
  }

  private static Future<JsonObject> send(BusRequester bus, AdminActor actor, String org, String address,
      JsonObject body) {
    JsonObject request = new AdminRequest(actor, new JsonObject().put("org", org), body).toJson();
    return switch (address) {
      case AdminContract.FINISH_USER_IMPORT -> bus.request(address, request, UserImportContract.FINISH_TIMEOUT);
      case AdminContract.USER_IMPORT_CHUNK -> bus.request(address, request, UserImportContract.CHUNK_TIMEOUT);
      default -> bus.request(address, request);
    };
  }
}
