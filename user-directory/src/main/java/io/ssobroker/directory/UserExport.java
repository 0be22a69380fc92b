package io.ssobroker.directory;

import io.ssobroker.directory.UserRequests.UserListing;
import io.ssobroker.directory.imports.CsvCells;
import io.ssobroker.directory.imports.ImportFormat;
import io.ssobroker.platform.admin.AdminRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Export of an org's users, page by page, in the formats the import reads: each page answers {@code {"text", "next"}}
 * where text is the page's lines (CSV: the header first, on the first page only) and next the cursor of the next page.
 */
final class UserExport {

  static final int PAGE = 1_000;
  private static final String[] HEADER = {"email", "name", "org", "status"};

  private final UserService users;

  UserExport(UserService users) {
    this.users = users;
  }

  Future<JsonObject> page(AdminRequest request) {
    ImportFormat format = ImportFormat.parse(request.params().getString("format", "jsonl"));
    String cursor = request.params().getString("cursor");
    UserQuery query = new UserQuery(request.param("org"), Optional.empty(), Optional.empty(), UserCursor.email(cursor),
        PAGE);
    return users.list(new UserListing(request.actor(), query)).map(UserHandlers::page).map(page -> {
      StringBuilder text = new StringBuilder();
      if (format == ImportFormat.CSV && cursor == null) {
        text.append(String.join(",", HEADER)).append('\n');
      }
      for (Object item : page.getJsonArray("users")) {
        JsonObject user = (JsonObject) item;
        text.append(format == ImportFormat.CSV ? csvLine(user) : jsonLine(user)).append('\n');
      }
      return new JsonObject().put("text", text.toString()).put("next", page.getString("next"));
    });
  }

  private static String jsonLine(JsonObject user) {
    return new JsonObject().put("email", user.getString("email")).put("name", user.getString("name"))
        .put("org", user.getString("org")).put("status", user.getString("status")).encode();
  }

  private static String csvLine(JsonObject user) {
    StringBuilder line = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(line, CSVFormat.DEFAULT.builder().setRecordSeparator("").get())) {
      printer.printRecord(user.getString("email"), CsvCells.escape(user.getString("name")), user.getString("org"),
          user.getString("status"));
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return line.toString();
  }
}
