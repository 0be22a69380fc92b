package io.ssobroker.directory;

import io.ssobroker.directory.UserRequests.UserListing;
import io.ssobroker.directory.UserRequests.UserPage;
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
    return UserService.authorizeOrg(request.actor(), request.param("org"))
        .compose(allowed -> users.list(new UserListing(request.actor(), new UserQuery(request.param("org"),
            Optional.empty(), Optional.empty(), UserCursor.email(cursor), PAGE))))
        .map(page -> lines(format, cursor == null, page));
  }

  /** The page as {@code {"text", "next"}}; a CSV export's first page starts with the header. */
  private static JsonObject lines(ImportFormat format, boolean firstPage, UserPage page) {
    StringBuilder text = new StringBuilder();
    if (format == ImportFormat.CSV && firstPage) {
      text.append(String.join(",", HEADER)).append('\n');
    }
    for (UserAccount user : page.users()) {
      text.append(format == ImportFormat.CSV ? csvLine(user) : jsonLine(user)).append('\n');
    }
    return new JsonObject().put("text", text.toString()).put("next", UserCursor.next(page));
  }

  private static String jsonLine(UserAccount user) {
    return new JsonObject().put("email", user.email()).put("name", user.name()).put("org", user.org())
        .put("status", user.status()).encode();
  }

  private static String csvLine(UserAccount user) {
    StringBuilder line = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(line, CSVFormat.DEFAULT.builder().setRecordSeparator("").get())) {
      printer.printRecord(user.email(), CsvCells.escape(user.name()), user.org(), user.status());
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return line.toString();
  }
}
