package io.ssobroker.app;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.admin.UserImportContract;
import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /admin/v1/orgs/{org}/users/import}: reads the upload line by line as it arrives and hands the user
 * directory one chunk of lines at a time, reading no further while a chunk is being checked, so an upload of any
 * length needs the memory of one chunk. {@code ?atomic=true} imports every line or none.
 */
final class UserImportUpload {

  static final String PATH = "/admin/v1/orgs/:org/users/import";
  private static final long MAX_LINES = 1_000_000;
  private static final int MAX_REPORTED_ERRORS = 1_000;

  private final BusRequester bus;
  private final RoutingContext routing;
  private final AdminActor actor;
  private final String org;
  private final String format;
  private final boolean atomic;
  private final List<String> pending = new ArrayList<>();
  private final List<JsonObject> errors = new ArrayList<>();

  private RecordParser lines;
  private String importId;
  private String header;
  private long lineNumber;
  private long firstPendingLine = 1;
  private long rejectedLines;
  private long staged;
  private boolean chunkInFlight;
  private boolean uploadEnded;
  private boolean done;

  private UserImportUpload(BusRequester bus, RoutingContext routing, AdminActor actor, String format, boolean atomic) {
    this.bus = bus;
    this.routing = routing;
    this.actor = actor;
    this.org = routing.pathParam("org");
    this.format = format;
    this.atomic = atomic;
  }

  /** Checks the request, then streams it; the request is paused until then. */
  static void handle(BusRequester bus, RoutingContext routing, AdminActor actor) {
    String atomicParam = routing.request().getParam("atomic", "false");
    if (!atomicParam.equals("true") && !atomicParam.equals("false")) {
      AdminGateway.problem(routing, 400, "atomic: must be true or false", "atomic");
      return;
    }
    String format = format(routing);
    if (format == null) {
      AdminGateway.problem(routing, 415,
          "send text/csv or application/x-ndjson (JSON lines), or name the format with ?format=csv|jsonl", null);
      return;
    }
    new UserImportUpload(bus, routing, actor, format, Boolean.parseBoolean(atomicParam)).begin();
  }

  private static String format(RoutingContext routing) {
    String explicit = routing.request().getParam("format");
    if (explicit != null) {
      return explicit.equals("csv") || explicit.equals("jsonl") ? explicit : null;
    }
    String type = String.valueOf(routing.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
    if (type.startsWith("text/csv")) {
      return "csv";
    }
    if (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl")
        || type.startsWith("application/json-lines")) {
      return "jsonl";
    }
    return null;
  }

  private void begin() {
    send(AdminContract.BEGIN_USER_IMPORT, new JsonObject().put("format", format)).onComplete(begun -> {
      if (begun.failed()) {
        fail(begun.cause());
        return;
      }
      importId = begun.result().getString("importId");
      lines = RecordParser.newDelimited("\n", routing.request());
      lines.maxRecordSize(UserImportContract.MAX_LINE_BYTES);
      lines.exceptionHandler(this::uploadFailed);
      lines.handler(this::line);
      lines.endHandler(end -> {
        uploadEnded = true;
        sendPendingOrFinish();
      });
      routing.request().resume();
    });
  }

  private void line(Buffer raw) {
    if (done) {
      return;
    }
    lineNumber++;
    if (raw.length() > UserImportContract.MAX_LINE_BYTES) {
      abort(413, "line " + lineNumber + " is longer than " + UserImportContract.MAX_LINE_BYTES + " bytes");
      return;
    }
    String line = raw.toString(StandardCharsets.UTF_8);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (lineNumber == 1 && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    if (lineNumber == 1 && format.equals("csv")) {
      header = line;
    }
    if (lineNumber > MAX_LINES) {
      abort(413, "the upload has more than " + MAX_LINES + " lines; split it");
      return;
    }
    pending.add(line);
    if (pending.size() >= UserImportContract.LINES_PER_CHUNK) {
      lines.pause();
      sendPendingOrFinish();
    }
  }

  private void sendPendingOrFinish() {
    if (chunkInFlight || done) {
      return;
    }
    if (pending.isEmpty()) {
      if (uploadEnded) {
        finish();
      } else {
        lines.resume();
      }
      return;
    }
    List<String> chunk = new ArrayList<>(pending);
    long firstLine = firstPendingLine;
    pending.clear();
    firstPendingLine = firstLine + chunk.size();
    chunkInFlight = true;
    send(AdminContract.USER_IMPORT_CHUNK, new JsonObject().put("importId", importId).put("format", format)
        .put("header", header).put("firstLine", firstLine).put("lines", new JsonArray(new ArrayList<>(chunk))))
        .onComplete(checked -> {
          chunkInFlight = false;
          if (checked.failed()) {
            abortAfter(checked.cause());
            return;
          }
          staged += checked.result().getInteger("staged", 0);
          collect(checked.result().getJsonArray("errors"));
          sendPendingOrFinish();
        });
  }

  private void finish() {
    done = true;
    send(AdminContract.FINISH_USER_IMPORT, new JsonObject().put("importId", importId).put("atomic", atomic)
        .put("rejectedLines", rejectedLines)).onComplete(finished -> {
          if (finished.failed()) {
            fail(finished.cause());
            return;
          }
          JsonObject result = finished.result();
          rejectedLines = result.getLong("rejected", rejectedLines);
          collectReportedOnly(result.getJsonArray("errors"));
          JsonObject report = new JsonObject()
              .put("applied", result.getBoolean("applied"))
              .put("created", result.getValue("created"))
              .put("updated", result.getValue("updated"))
              .put("unchanged", result.getValue("unchanged"))
              .put("rejected", rejectedLines)
              .put("errors", reportedErrors())
              .put("errorsTruncated", rejectedLines > errors.size());
          if (result.getBoolean("applied")) {
            routing.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(report.encode());
          } else {
            report.put("type", "about:blank").put("title", "Unprocessable Content").put("status", 422)
                .put("detail", rejectedLines + " lines were rejected, so nothing was imported (atomic import)")
                .put("instance", routing.request().path());
            routing.response().setStatusCode(422).putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store").end(report.encode());
          }
        });
  }

  private void collect(JsonArray chunkErrors) {
    rejectedLines += chunkErrors.size();
    collectReportedOnly(chunkErrors);
  }

  private void collectReportedOnly(JsonArray reported) {
    for (Object error : reported) {
      if (errors.size() < MAX_REPORTED_ERRORS) {
        errors.add((JsonObject) error);
      }
    }
  }

  private JsonArray reportedErrors() {
    errors.sort(Comparator.comparingLong(error -> error.getLong("line")));
    return new JsonArray(new ArrayList<>(errors));
  }

  private void uploadFailed(Throwable failure) {
    if (failure instanceof IllegalStateException) {
      abort(413, "line " + (lineNumber + 1) + " is longer than " + UserImportContract.MAX_LINE_BYTES + " bytes");
    } else {
      abort(400, "the upload failed: " + failure.getMessage());
    }
  }

  private void abort(int status, String detail) {
    stop(() -> AdminGateway.problem(routing, status, detail, null));
  }

  private void abortAfter(Throwable failure) {
    stop(() -> fail(failure));
  }

  /** Stops reading, discards what was staged, and answers; the client may still be sending, so the connection ends. */
  private void stop(Runnable answer) {
    if (done) {
      return;
    }
    done = true;
    discardStaged();
    routing.response().putHeader("Connection", "close");
    answer.run();
  }

  private void discardStaged() {
    if (importId != null) {
      send(AdminContract.ABORT_USER_IMPORT, new JsonObject().put("importId", importId));
    }
  }

  private void fail(Throwable failure) {
    AdminGateway.serviceFailure(routing, failure);
  }

  private Future<JsonObject> send(String address, JsonObject body) {
    JsonObject params = new JsonObject().put("org", org);
    Duration timeout = switch (address) {
      case AdminContract.FINISH_USER_IMPORT -> UserImportContract.FINISH_TIMEOUT;
      case AdminContract.USER_IMPORT_CHUNK -> UserImportContract.CHUNK_TIMEOUT;
      default -> null;
    };
    JsonObject request = new AdminRequest(actor, params, body).toJson();
    return timeout == null ? bus.request(address, request) : bus.request(address, request, timeout);
  }
}
