package io.ssobroker.directory;

import static io.ssobroker.directory.DirectoryFixture.ACME_ADMIN;
import static io.ssobroker.directory.DirectoryFixture.PLATFORM;
import static io.ssobroker.directory.DirectoryFixture.org;
import static io.ssobroker.directory.UserAdminIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.directory.imports.UserImportContract;
import io.ssobroker.directory.imports.UserImportStream;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bulk import as the admin API and the console run it: lines fed to a {@link UserImportStream}, which sends them to
 * the directory's import addresses a chunk at a time, against PostgreSQL.
 */
@ExtendWith(VertxExtension.class)
class UserImportProtocolIT {

  private DirectoryFixture directory;

  @BeforeEach
  void start(Vertx vertx) {
    directory = DirectoryFixture.start(vertx);
  }

  @AfterEach
  void stop() {
    directory.close();
  }

  private String create(String org, JsonObject body) {
    return directory.adminOk(AdminContract.CREATE_USER, PLATFORM, org(org), body).getString("id");
  }

  /** Feeds every line, then finishes: the report, or why the import was refused. */
  private Future<JsonObject> run(AdminActor actor, String org, String format, boolean atomic, List<String> lines) {
    return Await.onEventLoop(directory.vertx, () -> UserImportStream.begin(directory.bus, actor, org, format)
        .compose(stream -> feed(stream, lines, 0).compose(fed -> stream.finish(atomic))));
  }

  private static Future<Void> feed(UserImportStream stream, List<String> lines, int from) {
    return from == lines.size() ? Future.succeededFuture()
        : stream.add(lines.get(from)).compose(added -> feed(stream, lines, from + 1));
  }

  private static JsonObject error(long line, String field, String message) {
    return new JsonObject().put("line", line).put("field", field).put("message", message);
  }

  @Test
  void aCsvImportCreatesAndUpdatesByEmailAndReportsEachRejectedLineByFieldInLineOrder() {
    create("acme", new JsonObject().put("email", "bob@acme.com").put("name", "Bob"));
    create("acme", new JsonObject().put("email", "dan@acme.com").put("name", "Dan"));
    create("beta", new JsonObject().put("email", "carol@beta.com"));

    JsonObject report = Await.result(run(ACME_ADMIN, "acme", "csv", false, List.of(
        "\uFEFFemail,name,status\r",
        "ann@acme.com,Ann,active\r",
        "bob@acme.com,Bob Jones,\r",
        "not-an-email,Nobody,active",
        "",
        "ANN@acme.com,Ann Again,active",
        "carol@beta.com,Carol,active",
        "dan@acme.com,Dan,active",
        "eve@acme.com,'=Eve,sleeping",
        "frank@acme.com,\"'=SUM(A1)\",disabled")));

    assertThat(report.getBoolean("applied")).isTrue();
    assertThat(report.getInteger("created")).isEqualTo(2);
    assertThat(report.getInteger("updated")).isEqualTo(1);
    assertThat(report.getInteger("unchanged")).isEqualTo(1);
    assertThat(report.getLong("rejected")).isEqualTo(4);
    assertThat(report.getBoolean("errorsTruncated")).isFalse();
    assertThat(report.getJsonArray("errors")).containsExactly(
        error(4, "email", "not an email address"),
        error(6, "email", "already appears on line 2"),
        error(7, "email", "registered under another org (move the user instead)"),
        error(9, "status", "must be active or disabled"));
    JsonObject page = directory.adminOk(AdminContract.LIST_USERS, PLATFORM, org("acme"), new JsonObject());
    assertThat(page.getJsonArray("users").stream().map(user -> ((JsonObject) user).getString("name")))
        .containsExactly("Ann", "Bob Jones", "Dan", "=SUM(A1)");
    assertThat(directory.count("select count(*) from directory.import_rows")).isZero();
    JsonObject event = directory.auditEvents("admin.users.imported").get(0);
    assertThat(event.getJsonObject("details").getJsonObject("after")).isEqualTo(new JsonObject()
        .put("created", 2).put("updated", 1).put("unchanged", 1).put("revokedApiKeys", 0));
  }

  @Test
  void jsonLinesMustBeObjectsOfTheImportsOrg() {
    JsonObject report = Await.result(run(ACME_ADMIN, "acme", "jsonl", false, List.of(
        "{\"email\": \"ann@acme.com\", \"org\": \"acme\"}",
        "{\"email\": \"bob@acme.com\", \"org\": \"beta\"}",
        "[\"carol@acme.com\"]",
        "{\"email\": \"dan@acme.com\", \"team\": \"x\"}",
        "{\"email\": \"eve@acme.com\", \"name\": 5}")));

    assertThat(report.getInteger("created")).isEqualTo(1);
    assertThat(report.getJsonArray("errors")).containsExactly(
        error(2, "org", "must be acme, the org of this import, or left out"),
        error(3, null, "not a JSON object"),
        error(4, "team", "unknown field (expected email, name, org, status)"),
        error(5, "name", "must be a string"));
  }

  @Test
  void anAtomicImportWithARejectedLineAppliesNothing() {
    JsonObject report = Await.result(run(ACME_ADMIN, "acme", "csv", true, List.of(
        "email,name", "ann@acme.com,Ann", "bob@,Bob")));

    assertThat(report).isEqualTo(new JsonObject().put("applied", false).put("created", 0).put("updated", 0)
        .put("unchanged", 0).put("rejected", 1L).put("errors", new JsonArray().add(error(3, "email",
            "not an email address"))).put("errorsTruncated", false));
    assertThat(directory.count("select count(*) from directory.users")).isZero();
    assertThat(directory.count("select count(*) from directory.imports")).isZero();
    assertThat(directory.auditEvents()).isEmpty();
  }

  @Test
  void anImportThatDisablesAUserRevokesTheirKeysAndEndsTheirSessions() {
    String ann = create("acme", new JsonObject().put("email", "ann@acme.com"));
    Await.result(directory.edge(DirectoryContract.CREATE_API_KEY, new JsonObject().put("userId", ann).put("org", "acme")
        .put("body", new JsonObject().put("name", "ci"))));
    var notices = directory.notices(DirectoryContract.USER_CHANGED, 1);

    JsonObject report = Await.result(run(ACME_ADMIN, "acme", "csv", false, List.of(
        "email,status", "ann@acme.com,disabled")));

    assertThat(report.getInteger("updated")).isEqualTo(1);
    assertThat(Await.result(notices)).containsExactly(new JsonObject().put("userId", ann));
    assertThat(directory.auditEvents("api_key.revoked").get(0).getJsonObject("details").getString("reason"))
        .isEqualTo("user_disabled");
    assertThat(directory.auditEvents("admin.users.imported").get(0).getJsonObject("details").getJsonObject("after")
        .getInteger("revokedApiKeys")).isEqualTo(1);
  }

  @Test
  void aBadCsvHeaderRefusesTheWholeImport() {
    ServiceException refused = (ServiceException) Await.failure(run(ACME_ADMIN, "acme", "csv", false, List.of(
        "mail,name", "ann@acme.com,Ann")));

    assertRefused(refused, ServiceFailure.INVALID_REQUEST, null,
        "line 1: mail: unknown column (expected email, name, org, status)");
    assertThat(directory.count("select count(*) from directory.users")).isZero();
  }

  @Test
  void aLineLongerThanTheLimitRefusesTheUploadWithItsNumber() {
    UserImportStream.Refused refused = (UserImportStream.Refused) Await.failure(run(ACME_ADMIN, "acme", "csv", false,
        List.of("email", "x".repeat(UserImportContract.MAX_LINE_BYTES + 1))));

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.getMessage()).isEqualTo("line 2 is longer than " + UserImportContract.MAX_LINE_BYTES + " bytes");
  }

  @Test
  void onlyAnAdminOfTheOrgWithUsersWriteImports() {
    AdminActor reader = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "reader", Set.of(AdminScope.USERS_READ));

    assertRefused((ServiceException) Await.failure(run(ACME_ADMIN, "beta", "csv", false, List.of("email"))),
        ServiceFailure.NOT_FOUND, "org", "org: no org beta");
    assertRefused((ServiceException) Await.failure(run(reader, "acme", "csv", false, List.of("email"))),
        ServiceFailure.FORBIDDEN, null, "this token lacks the scope users:write (it has: users:read)");
    assertRefused((ServiceException) Await.failure(run(ACME_ADMIN, "acme", "xml", false, List.of("email"))),
        ServiceFailure.INVALID_REQUEST, "format", "format: must be csv or jsonl");
    assertRefused(directory.adminRefused(AdminContract.USER_IMPORT_CHUNK, ACME_ADMIN, org("acme"),
        new JsonObject().put("importId", UUID.randomUUID().toString()).put("format", "jsonl")),
        ServiceFailure.NOT_FOUND, "importId", "importId: no such import in progress");
    assertRefused(directory.adminRefused(AdminContract.FINISH_USER_IMPORT, ACME_ADMIN, org("acme"),
        new JsonObject().put("importId", "nope")), ServiceFailure.INVALID_REQUEST, "importId",
        "importId: not an import of this broker");
  }
}
