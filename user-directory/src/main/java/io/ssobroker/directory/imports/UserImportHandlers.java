package io.ssobroker.directory.imports;

import io.ssobroker.directory.imports.ImportLineParser.Rejected;
import io.ssobroker.directory.imports.UserImportRequests.Abort;
import io.ssobroker.directory.imports.UserImportRequests.Begin;
import io.ssobroker.directory.imports.UserImportRequests.Chunk;
import io.ssobroker.directory.imports.UserImportRequests.ChunkChecked;
import io.ssobroker.directory.imports.UserImportRequests.Finish;
import io.ssobroker.directory.imports.UserImportRequests.Outcome;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The messages of {@link UserImportContract}: typed requests for {@link UserImportService}, its answers as JSON. */
public final class UserImportHandlers {

  private final UserImportService imports;

  public UserImportHandlers(UserImportService imports) {
    this.imports = imports;
  }

  public Future<JsonObject> begin(AdminRequest request) {
    return UserImportService.authorizeOrg(request.actor(), request.param("org"))
        .compose(allowed -> imports.begin(new Begin(request.actor(), request.param("org"),
            ImportFormat.parse(request.body().getString("format")))))
        .map(id -> new JsonObject().put("importId", id.toString()));
  }

  public Future<JsonObject> chunk(AdminRequest request) {
    JsonObject body = request.body();
    UUID id = importId(body);
    Chunk chunk = new Chunk(request.actor(), request.param("org"), id, ImportFormat.parse(body.getString("format")),
        body.getString("header"), body.getLong("firstLine", 1L), lines(body));
    return imports.chunk(chunk).map(UserImportHandlers::checked);
  }

  public Future<JsonObject> finish(AdminRequest request) {
    JsonObject body = request.body();
    Finish finish = new Finish(request.actor(), request.param("org"), importId(body), body.getBoolean("atomic", false),
        body.getLong("rejectedLines", 0L));
    return imports.finish(finish).map(UserImportHandlers::outcome);
  }

  public Future<JsonObject> abort(AdminRequest request) {
    return imports.abort(new Abort(request.actor(), request.param("org"), importId(request.body())))
        .map(discarded -> new JsonObject());
  }

  private static JsonObject checked(ChunkChecked checked) {
    return new JsonObject().put("staged", checked.staged()).put("errors", errors(checked.errors()));
  }

  private static JsonObject outcome(Outcome outcome) {
    if (!outcome.applied()) {
      return new JsonObject().put("applied", false).put("created", 0).put("updated", 0).put("unchanged", 0)
          .put("rejected", outcome.rejected()).put("errors", errors(outcome.errors()));
    }
    return new JsonObject().put("created", outcome.created()).put("updated", outcome.updated())
        .put("unchanged", outcome.unchanged()).put("revokedApiKeys", outcome.revokedApiKeys()).put("applied", true)
        .put("rejected", outcome.rejected()).put("errors", errors(outcome.errors()));
  }

  private static JsonArray errors(List<Rejected> errors) {
    JsonArray json = new JsonArray();
    errors.forEach(error -> json.add(error.toJson()));
    return json;
  }

  private static UUID importId(JsonObject body) {
    try {
      return UUID.fromString(body.getString("importId"));
    } catch (IllegalArgumentException | NullPointerException | ClassCastException notAnId) {
      throw ServiceException.invalid("importId", "not an import of this broker");
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
}
