package io.ssobroker.directory;

import io.ssobroker.directory.imports.RowProblem;
import io.ssobroker.directory.imports.UserRecord;
import io.ssobroker.directory.imports.UserRows;
import io.ssobroker.platform.config.ConfigException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The users file of SPEC section 3: JSON lines of {@code {"email", "name", "org", "status"}}, or CSV with that header
 * (a {@code .csv} name). Every line is checked; the first bad one stops startup with its line number.
 */
final class UsersFile {

  private static final Set<String> FIELDS = UserRows.FIELDS;

  private final Path path;
  private final Map<String, Long> lineOfEmail = new HashMap<>();

  private UsersFile(Path path) {
    this.path = path;
  }

  static List<UserRecord> read(Path path) {
    UsersFile file = new UsersFile(path);
    try {
      return path.getFileName().toString().toLowerCase().endsWith(".csv") ? file.readCsv() : file.readJsonLines();
    } catch (IOException | UncheckedIOException failure) {
      throw new ConfigException("users file " + path + ": cannot be read: " + failure.getMessage());
    }
  }

  private List<UserRecord> readJsonLines() throws IOException {
    List<UserRecord> users = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      long lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonObject json;
        try {
          json = new JsonObject(line);
        } catch (DecodeException | ClassCastException notAnObject) {
          throw bad(lineNumber, "not a JSON object");
        }
        for (String field : json.fieldNames()) {
          if (!FIELDS.contains(field)) {
            throw bad(lineNumber, field + ": unknown field (expected email, name, org, status)");
          }
        }
        users.add(user(lineNumber, text(json.getValue("email")), text(json.getValue("name")),
            text(json.getValue("org")), text(json.getValue("status"))));
      }
    }
    return users;
  }

  private List<UserRecord> readCsv() throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setTrim(true)
        .setIgnoreEmptyLines(true)
        .get();
    List<UserRecord> users = new ArrayList<>();
    try (CSVParser parser = CSVParser.builder().setPath(path).setCharset(StandardCharsets.UTF_8).setFormat(format).get()) {
      for (String column : parser.getHeaderNames()) {
        if (!FIELDS.contains(column)) {
          throw bad(1, column + ": unknown column (expected email, name, org, status)");
        }
      }
      if (!parser.getHeaderNames().contains("email") || !parser.getHeaderNames().contains("org")) {
        throw bad(1, "the header must name at least the columns email and org");
      }
      for (CSVRecord record : parser) {
        long lineNumber = parser.getCurrentLineNumber();
        if (!record.isConsistent()) {
          throw bad(lineNumber, "expected " + parser.getHeaderNames().size() + " columns, got " + record.size());
        }
        users.add(user(lineNumber, column(record, "email"), column(record, "name"), column(record, "org"),
            column(record, "status")));
      }
    }
    return users;
  }

  private UserRecord user(long lineNumber, String rawEmail, String name, String org, String rawStatus) {
    UserRecord user;
    try {
      user = UserRows.check(rawEmail, name, org, rawStatus);
    } catch (RowProblem problem) {
      throw bad(lineNumber, problem.describe());
    }
    Long earlier = lineOfEmail.putIfAbsent(user.email().value(), lineNumber);
    if (earlier != null) {
      throw bad(lineNumber, "email: " + user.email() + " already appears on line " + earlier);
    }
    return user;
  }

  private static String column(CSVRecord record, String name) {
    if (!record.isMapped(name) || !record.isSet(name)) {
      return null;
    }
    String value = record.get(name);
    return value.isEmpty() ? null : value;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString().trim();
  }

  private ConfigException bad(long lineNumber, String problem) {
    return new ConfigException("users file " + path + ": line " + lineNumber + ": " + problem);
  }
}
