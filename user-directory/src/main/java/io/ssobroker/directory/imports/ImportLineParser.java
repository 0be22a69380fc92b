package io.ssobroker.directory.imports;

import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the lines of an uploaded users file, CSV (first line: a header naming email, name, org, status) or JSON lines
 * ({@code {"email", "name", "org", "status"}} per line), into users of one org. A bad line is reported with its line
 * number and field and does not stop the others; a bad CSV header fails the whole upload.
 */
final class ImportLineParser {

  /** One line's result: a user, or what is wrong with it. */
  sealed interface Parsed permits Row, Rejected {}

  record Row(long line, UserRecord user) implements Parsed {
    String email() {
      return user.email().value();
    }
  }

  record Rejected(long line, String field, String message) implements Parsed {
    JsonObject toJson() {
      return new JsonObject().put("line", line).put("field", field).put("message", message);
    }
  }

  private final ImportFormat format;
  private final String org;
  private final CSVFormat csv;
  private final int columns;

  /** {@code header} is the upload's first line for CSV, ignored for JSON lines. */
  ImportLineParser(ImportFormat format, String org, String header) {
    this.format = format;
    this.org = org;
    if (format == ImportFormat.CSV) {
      List<String> names = csvHeader(header);
      this.csv = CSVFormat.DEFAULT.builder().setHeader(names.toArray(String[]::new)).setTrim(true).get();
      this.columns = names.size();
    } else {
      this.csv = null;
      this.columns = 0;
    }
  }

  /** Parses consecutive lines, the first of which is line {@code firstLine} of the upload; blank lines are skipped. */
  List<Parsed> parse(long firstLine, List<String> lines) {
    List<Parsed> parsed = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      long number = firstLine + i;
      String line = lines.get(i);
      if (line.isBlank() || (format == ImportFormat.CSV && number == 1)) {
        continue;
      }
      try {
        parsed.add(new Row(number, format == ImportFormat.CSV ? csvUser(line) : jsonUser(line)));
      } catch (RowProblem problem) {
        parsed.add(new Rejected(number, problem.field(), problem.getMessage()));
      }
    }
    return parsed;
  }

  private UserRecord jsonUser(String line) {
    JsonObject json;
    try {
      json = new JsonObject(line);
    } catch (DecodeException | ClassCastException notAnObject) {
      throw new RowProblem(null, "not a JSON object");
    }
    for (String field : json.fieldNames()) {
      if (!UserRows.FIELDS.contains(field)) {
        throw new RowProblem(field, "unknown field (expected email, name, org, status)");
      }
    }
    return user(text(json, "email"), text(json, "name"), text(json, "org"), text(json, "status"));
  }

  private UserRecord csvUser(String line) {
    CSVRecord record;
    try (CSVParser parser = CSVParser.parse(line, csv)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new RowProblem(null, "not one CSV record (quoted line breaks are not supported)");
      }
      record = records.get(0);
    } catch (IOException | UncheckedIOException malformed) {
      throw new RowProblem(null, "not a CSV record: " + malformed.getMessage());
    }
    if (record.size() != columns) {
      throw new RowProblem(null, "expected " + columns + " columns, got " + record.size());
    }
    return user(column(record, "email"), column(record, "name"), column(record, "org"), column(record, "status"));
  }

  private UserRecord user(String email, String name, String rowOrg, String status) {
    if (rowOrg != null && !rowOrg.equals(org)) {
      throw new RowProblem("org", "must be " + org + ", the org of this import, or left out");
    }
    return UserRows.check(email, CsvCells.unescape(name), org, status);
  }

  private static List<String> csvHeader(String header) {
    if (header == null || header.isBlank()) {
      throw ServiceException.invalid("line 1: the CSV header is missing (expected email,name,org,status)");
    }
    List<String> names = new ArrayList<>();
    for (String name : header.split(",", -1)) {
      String column = name.strip().replace("\"", "").toLowerCase(Locale.ROOT);
      if (!UserRows.FIELDS.contains(column)) {
        throw ServiceException.invalid("line 1: " + column + ": unknown column (expected email, name, org, status)");
      }
      if (names.contains(column)) {
        throw ServiceException.invalid("line 1: " + column + ": column appears twice");
      }
      names.add(column);
    }
    if (!names.contains("email")) {
      throw ServiceException.invalid("line 1: the header must name the column email");
    }
    return names;
  }

  private static String column(CSVRecord record, String name) {
    if (!record.isMapped(name) || !record.isSet(name)) {
      return null;
    }
    String value = record.get(name);
    return value.isEmpty() ? null : value;
  }

  private static String text(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new RowProblem(field, "must be a string");
    }
    return (String) value;
  }
}
