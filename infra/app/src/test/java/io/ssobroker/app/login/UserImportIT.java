package io.ssobroker.app.login;

import static io.ssobroker.app.login.UserDirectoryIT.assertProblem;
import static io.ssobroker.app.login.UserDirectoryIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk import and export of users (CSV and JSON lines), streamed: 100,000 rows in one request, per-line errors,
 * all-or-nothing imports, rows of other orgs refused, and an export that imports back unchanged.
 */
class UserImportIT {

  private static final String TOKEN = "platform-token-for-import-tests-0123456789";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static AdminClient platform;

  @BeforeAll
  static void start() throws Exception {
    environment.startBroker(work, "{}", "{\"email\": \"held@other.example\", \"org\": \"other\"}\n", Map.of(),
        "--admin-token", TOKEN);
    platform = new AdminClient(environment.broker().adminPort, TOKEN);
    for (String org : List.of("big", "small", "other", "atomic", "trip")) {
      platform.call("POST", "/admin/v1/orgs", "{\"slug\": \"" + org + "\", \"name\": \"" + org + "\"}");
    }
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static HttpResponse<String> upload(String org, String query, String contentType, InputStream body)
      throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.broker().adminPort
            + "/admin/v1/orgs/" + org + "/users/import" + query))
        .timeout(Duration.ofMinutes(5))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> upload(String org, String query, String contentType, String body)
      throws Exception {
    return upload(org, query, contentType, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** Rows generated while they are sent, never held whole: every 10,000th row has a bad email. */
  private static InputStream generatedCsv(int rows) {
    Enumeration<InputStream> lines = new Enumeration<>() {
      private int next = -1;

      @Override
      public boolean hasMoreElements() {
        return next < rows;
      }

      @Override
      public InputStream nextElement() {
        String line = next < 0 ? "email,name,status\r\n"
            : (next % 10_000 == 9_999 ? "broken-" + next : "user" + next + "@big.example") + ",\"Person, " + next
                + "\",active\r\n";
        next++;
        return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
      }
    };
    return new SequenceInputStream(lines);
  }

  @Test
  void aHundredThousandRowsStreamInOneRequestWithPerLineErrors() throws Exception {
    HttpResponse<String> answer = upload("big", "", "text/csv", generatedCsv(100_000));

    JsonObject report = ok(answer, 200);
    assertThat(report.getBoolean("applied")).isTrue();
    assertThat(report.getInteger("created")).isEqualTo(99_990);
    assertThat(report.getLong("rejected")).isEqualTo(10);
    JsonArray errors = report.getJsonArray("errors");
    assertThat(errors).hasSize(10);
    assertThat(errors.getJsonObject(0)).isEqualTo(new JsonObject().put("line", 10_001).put("field", "email")
        .put("message", "not an email address"));
    assertThat(environment.broker().count("select count(*) from directory.users where org_slug = 'big'"))
        .isEqualTo(99_990);
    assertThat(environment.broker().count("select count(*) from directory.users where name = 'Person, 42'"))
        .isEqualTo(1);
    assertNothingStaged();
  }

  @Test
  void everyBadLineIsReportedWithItsNumberAndTheGoodOnesAreImported() throws Exception {
    ok(platform.call("POST", "/admin/v1/orgs/small/users", "{\"email\": \"kept@small.example\", \"name\": \"Old\"}"),
        201);
    ok(platform.call("POST", "/admin/v1/orgs/small/users", "{\"email\": \"same@small.example\", \"name\": \"Same\"}"),
        201);
    String upload = String.join("\n",
        "{\"email\": \"New.One@Small.example\", \"name\": \"New One\"}",
        "{\"email\": \"kept@small.example\", \"name\": \"Renamed\", \"status\": \"disabled\"}",
        "{\"email\": \"same@small.example\", \"name\": \"Same\"}",
        "",
        "{\"email\": \"no-at-sign\"}",
        "{\"email\": \"x@small.example\", \"status\": \"gone\"}",
        "[1, 2]",
        "{\"email\": \"y@small.example\", \"role\": \"admin\"}",
        "{\"email\": \"new.one@small.example\"}",
        "{\"email\": \"z@small.example\", \"org\": \"other\"}",
        "{\"email\": \"held@other.example\"}",
        "{\"email\": \"last@small.example\"}");
    JsonObject report = ok(upload("small", "", "application/x-ndjson", upload), 200);

    assertThat(report.getInteger("created")).isEqualTo(2);
    assertThat(report.getInteger("updated")).isEqualTo(1);
    assertThat(report.getInteger("unchanged")).isEqualTo(1);
    assertThat(report.getLong("rejected")).isEqualTo(7);
    assertThat(report.getJsonArray("errors").stream().map(error -> ((JsonObject) error).getInteger("line") + " "
        + ((JsonObject) error).getString("field")).toList()).containsExactly(
            "5 email", "6 status", "7 null", "8 role", "9 email", "10 org", "11 email");
    assertThat(report.getJsonArray("errors").getJsonObject(4).getString("message")).isEqualTo("already appears on line 1");
    assertThat(report.getJsonArray("errors").getJsonObject(6).getString("message")).contains("another org");
    JsonObject kept = ok(platform.call("GET", "/admin/v1/orgs/small/users?search=kept", null), 200)
        .getJsonArray("users").getJsonObject(0);
    assertThat(kept.getString("name")).isEqualTo("Renamed");
    assertThat(kept.getString("status")).isEqualTo("disabled");
    assertThat(environment.broker().count("select count(*) from directory.users where email = 'held@other.example' "
        + "and org_slug = 'other'")).isEqualTo(1);
    assertThat(environment.audit().await(event -> "admin.users.imported".equals(event.getString("type"))
        && "small".equals(event.getString("org")), 1, Duration.ofSeconds(20))).hasSize(1);
    assertNothingStaged();
  }

  @Test
  void anAtomicImportWithABadLineImportsNothing() throws Exception {
    HttpResponse<String> answer = upload("atomic", "?atomic=true", "text/csv",
        "email,name\na@atomic.example,A\nnot-an-email,B\nc@atomic.example,C\n");
    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(answer.body());
    assertThat(problem.getBoolean("applied")).isFalse();
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getInteger("line")).isEqualTo(3);
    assertThat(environment.broker().count("select count(*) from directory.users where org_slug = 'atomic'")).isZero();

    JsonObject clean = ok(upload("atomic", "?atomic=true", "text/csv", "email,name\na@atomic.example,A\n"), 200);
    assertThat(clean.getInteger("created")).isEqualTo(1);
    assertNothingStaged();
  }

  @Test
  void anExportImportsBackUnchangedInBothFormats() throws Exception {
    ok(platform.call("POST", "/admin/v1/orgs/trip/users", "{\"email\": \"a@trip.example\", \"name\": \"=cmd|' /C calc'!A0\"}"),
        201);
    ok(platform.call("POST", "/admin/v1/orgs/trip/users", "{\"email\": \"b@trip.example\", \"name\": \"Bo, \\\"the\\\" B\", "
        + "\"status\": \"disabled\"}"), 201);
    HttpResponse<String> csv = platform.call("GET", "/admin/v1/orgs/trip/users/export?format=csv", null);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.body()).isEqualTo("email,name,org,status\n"
        + "a@trip.example,'=cmd|' /C calc'!A0,trip,active\n"
        + "b@trip.example,\"Bo, \"\"the\"\" B\",trip,disabled\n");
    JsonObject again = ok(upload("trip", "", "text/csv", csv.body()), 200);
    assertThat(again.getInteger("unchanged")).isEqualTo(2);
    assertThat(again.getLong("rejected")).isZero();

    HttpResponse<String> jsonl = platform.call("GET", "/admin/v1/orgs/trip/users/export?format=jsonl", null);
    List<JsonObject> lines = jsonl.body().lines().map(JsonObject::new).toList();
    assertThat(lines).extracting(line -> line.getString("name")).containsExactly("=cmd|' /C calc'!A0", "Bo, \"the\" B");
    assertThat(ok(upload("trip", "", "application/x-ndjson", jsonl.body()), 200).getInteger("unchanged")).isEqualTo(2);
  }

  @Test
  void aLargeExportStreamsEveryUserOnce() throws Exception {
    StringBuilder rows = new StringBuilder("email\n");
    for (int i = 0; i < 2_500; i++) {
      rows.append("u").append(i).append("@other.example\n");
    }
    ok(upload("other", "", "text/csv", rows.toString()), 200);
    HttpResponse<String> export = platform.call("GET", "/admin/v1/orgs/other/users/export?format=jsonl", null);
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body().lines().distinct().count()).isEqualTo(2_501);
  }

  @Test
  void malformedUploadsAreRefusedAndLeaveNothingBehind() throws Exception {
    long users = environment.broker().count("select count(*) from directory.users");
    HttpResponse<String> badHeader = upload("small", "", "text/csv", "mail,name\nx@small.example,X\n");
    assertProblem(badHeader, 400, null, "line 1: mail: unknown column (expected email, name, org, status)");
    assertProblem(upload("small", "", "application/json", "{}"), 415, null,
        "send text/csv or application/x-ndjson (JSON lines), or name the format with ?format=csv|jsonl");
    assertProblem(upload("small", "?atomic=maybe", "text/csv", "email\n"), 400, "atomic", "atomic: must be true or false");
    assertProblem(upload("nowhere", "", "text/csv", "email\n"), 404, "org", "org: no org nowhere");
    HttpResponse<String> longLine = upload("small", "", "application/x-ndjson",
        "{\"email\": \"a@small.example\", \"name\": \"" + "x".repeat(20_000) + "\"}\n");
    assertProblem(longLine, 413, null, "line 1 is longer than 16384 bytes");
    assertProblem(platform.call("GET", "/admin/v1/orgs/small/users/export?format=xml", null), 400, "format",
        "format: must be one of csv, jsonl");
    assertThat(environment.broker().count("select count(*) from directory.users")).isEqualTo(users);
    assertNothingStaged();
  }

  private static void assertNothingStaged() {
    assertThat(environment.broker().count("select count(*) from directory.import_rows")).isZero();
    assertThat(environment.broker().count("select count(*) from directory.imports")).isZero();
  }
}
