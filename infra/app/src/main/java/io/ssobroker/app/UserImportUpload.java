package io.ssobroker.app;

import io.ssobroker.directory.imports.UserImportContract;
import io.ssobroker.directory.imports.UserImportStream;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST /admin/v1/orgs/{org}/users/import}: reads the upload line by line as it arrives into a
 * {@link UserImportStream}, reading no further while a chunk is being checked, so an upload of any length needs the
 * memory of one chunk; the stream holds the import's rules, this class the HTTP side. {@code ?atomic=true} imports
 * every line or none.
 */
final class UserImportUpload {

  static final String PATH = "/admin/v1/orgs/:org/users/import";

  private final RoutingContext routing;
  private final boolean atomic;
  private UserImportStream importStream;
  private RecordParser lines;
  private boolean uploadEnded;
  private boolean linePending;
  private boolean done;

  private UserImportUpload(RoutingContext routing, boolean atomic) {
    this.routing = routing;
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
    UserImportUpload upload = new UserImportUpload(routing, Boolean.parseBoolean(atomicParam));
    UserImportStream.begin(bus, actor, routing.pathParam("org"), format).onComplete(begun -> {
      if (begun.failed()) {
        AdminGateway.serviceFailure(routing, begun.cause());
      } else {
        upload.stream(begun.result());
      }
    });
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

  private void stream(UserImportStream begun) {
    importStream = begun;
    lines = RecordParser.newDelimited("\n", routing.request());
    lines.maxRecordSize(UserImportContract.MAX_LINE_BYTES);
    lines.exceptionHandler(this::uploadFailed);
    lines.handler(this::line);
    lines.endHandler(end -> {
      uploadEnded = true;
      if (!linePending) {
        finish();
      }
    });
    routing.request().resume();
  }

  private void line(Buffer raw) {
    if (done) {
      return;
    }
    Future<Void> taken = importStream.add(raw.toString(StandardCharsets.UTF_8));
    if (taken.isComplete() && taken.succeeded()) {
      return;
    }
    lines.pause();
    linePending = true;
    taken.onComplete(added -> {
      linePending = false;
      if (added.failed()) {
        stop(added.cause());
      } else if (uploadEnded) {
        finish();
      } else {
        lines.resume();
      }
    });
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    importStream.finish(atomic).onComplete(finished -> {
      if (finished.failed()) {
        AdminGateway.serviceFailure(routing, finished.cause());
        return;
      }
      JsonObject report = finished.result();
      if (report.getBoolean("applied")) {
        routing.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(report.encode());
      } else {
        report.put("type", "about:blank").put("title", "Unprocessable Content").put("status", 422)
            .put("detail", report.getLong("rejected") + " lines were rejected, so nothing was imported (atomic import)")
            .put("instance", routing.request().path());
        routing.response().setStatusCode(422).putHeader("Content-Type", "application/problem+json")
            .putHeader("Cache-Control", "no-store").end(report.encode());
      }
    });
  }

  private void uploadFailed(Throwable failure) {
    stop(failure instanceof IllegalStateException ? importStream.lineTooLong()
        : new UserImportStream.Refused(400, "the upload failed: " + failure.getMessage()));
  }

  /** Stops reading, discards what was staged, and answers; the client may still be sending, so the connection ends. */
  private void stop(Throwable failure) {
    if (done) {
      return;
    }
    done = true;
    importStream.abort();
    routing.response().putHeader("Connection", "close");
    if (failure instanceof UserImportStream.Refused refused) {
      AdminGateway.problem(routing, refused.status(), refused.getMessage(), null);
    } else {
      AdminGateway.serviceFailure(routing, failure);
    }
  }
}
