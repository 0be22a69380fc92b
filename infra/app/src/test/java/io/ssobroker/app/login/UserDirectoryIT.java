package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.USER_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users admin API (SPEC section 8) against the all-in-one broker: CRUD with case-insensitive emails, paging and
 * search, moving a user between orgs, org isolation, bad input, the directory's answers at login, and the
 * forgot-password answer of SPEC section 5.
 */
class UserDirectoryIT {

  private static final String TOKEN = "platform-token-for-directory-tests-0123456789";

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static AdminClient platform;
  private static TestIdp acmeIdp;

  @BeforeAll
  static void start() throws Exception {
    acmeIdp = environment.idp("/acme").client("acme-app", "acme-secret");
    String connectors = """
        {"acme": [{"kind": "oidc", "displayName": "Acme SSO", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "acme-secret"}}],
         "beta": [{"kind": "oidc", "displayName": "Beta Login", "domains": ["beta.com"],
                   "parameters": {"discoveryEndpoint": "%s", "clientId": "beta-app", "clientSecret": "beta-secret"}}],
         "gamma": [{"kind": "azure", "domains": ["gamma.com"],
                    "parameters": {"tenantId": "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9", "tenantType": "single", "clientId": "gamma-app", "clientSecret": "s"}}]}
        """.formatted(acmeIdp.discoveryUrl(), acmeIdp.discoveryUrl());
    environment.startBroker(work, connectors, """
        {"email": "carol@acme.com", "name": "Carol", "org": "beta"}
        {"email": "dan@acme.com", "name": "Dan", "org": "acme"}
        """, Map.of(), "--admin-token", TOKEN);
    platform = new AdminClient(environment.broker().adminPort, TOKEN);
  }

  private static void idpUser(String email) {
    acmeIdp.user(email, Map.of("email", email, "email_verified", true));
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  @Test
  void usersAreCreatedReadUpdatedAndDeletedWithEmailsUniqueCaseInsensitively() throws Exception {
    JsonObject created = ok(platform.call("POST", "/admin/v1/orgs/acme/users",
        "{\"email\": \"  Erin.Example@ACME.com \", \"name\": \"Erin\"}"), 201);
    assertThat(created.getString("email")).isEqualTo("erin.example@acme.com");
    assertThat(created.getString("org")).isEqualTo("acme");
    assertThat(created.getString("status")).isEqualTo("active");
    String id = created.getString("id");

    HttpResponse<String> duplicate = platform.call("POST", "/admin/v1/orgs/beta/users",
        "{\"email\": \"ERIN.EXAMPLE@acme.com\"}");
    assertProblem(duplicate, 409, "email");

    assertThat(ok(platform.call("GET", "/admin/v1/orgs/acme/users/" + id, null), 200)).isEqualTo(created);
    JsonObject updated = ok(platform.call("PUT", "/admin/v1/orgs/acme/users/" + id,
        "{\"email\": \"erin@acme.com\", \"name\": \"Erin E.\", \"status\": \"disabled\"}"), 200);
    assertThat(updated.getString("email")).isEqualTo("erin@acme.com");
    assertThat(updated.getString("status")).isEqualTo("disabled");
    assertThat(ok(platform.call("GET", "/admin/v1/orgs/acme/users?search=erin", null), 200)
        .getJsonArray("users")).extracting(user -> ((JsonObject) user).getString("id")).containsExactly(id);

    assertThat(platform.call("DELETE", "/admin/v1/orgs/acme/users/" + id, null).statusCode()).isEqualTo(204);
    assertProblem(platform.call("GET", "/admin/v1/orgs/acme/users/" + id, null), 404, "id", "id: no such user in this org");

    AuditTopicReader audit = environment.audit();
    List<JsonObject> events = audit.await(event -> event.getString("type").startsWith("admin.user.")
        && event.encode().contains(id), 3, Duration.ofSeconds(20));
    assertThat(events).extracting(event -> event.getString("type"))
        .containsExactly("admin.user.created", "admin.user.updated", "admin.user.deleted");
    JsonObject update = events.get(1).getJsonObject("details");
    assertThat(update.getJsonObject("actor").getString("type")).isEqualTo("platform-admin");
    assertThat(update.getJsonObject("before").getString("email")).isEqualTo("erin.example@acme.com");
    assertThat(update.getJsonObject("after").getString("status")).isEqualTo("disabled");
    assertThat(events).allMatch(event -> "acme".equals(event.getString("org")));
  }

  @Test
  void deletingAnOrgDeletesItsUsersSoThatNoneReappearsInANewOrgOfTheSameSlug() throws Exception {
    String org = "{\"slug\": \"leaving\", \"name\": \"Leaving Ltd\"}";
    ok(platform.call("POST", "/admin/v1/orgs", org), 201);
    int users = 205;
    for (int i = 0; i < users; i++) {
      ok(platform.call("POST", "/admin/v1/orgs/leaving/users", "{\"email\": \"u" + i + "@leaving.example\"}"), 201);
    }

    assertThat(platform.call("DELETE", "/admin/v1/orgs/leaving", null).statusCode()).isEqualTo(204);
    assertThat(environment.broker().count("select count(*) from directory.users where org_slug = 'leaving'"))
        .as("more than one batch of users, all deleted").isZero();
    List<JsonObject> events = environment.audit().await(event -> "leaving".equals(event.getString("org"))
        && List.of("admin.user.deleted", "admin.org.deleted").contains(event.getString("type")), users + 1,
        Duration.ofSeconds(30));
    assertThat(events).extracting(event -> event.getString("type"))
        .filteredOn("admin.user.deleted"::equals).hasSize(users);
    assertThat(events).extracting(event -> event.getString("type")).containsOnlyOnce("admin.org.deleted");

    ok(platform.call("POST", "/admin/v1/orgs", org), 201);
    assertThat(ok(platform.call("GET", "/admin/v1/orgs/leaving/users", null), 200).getJsonArray("users"))
        .as("the new org of that slug starts empty").isEmpty();
    ok(platform.call("POST", "/admin/v1/orgs/beta/users", "{\"email\": \"u0@leaving.example\"}"), 201);
    assertThat(platform.call("DELETE", "/admin/v1/orgs/leaving", null).statusCode()).isEqualTo(204);
  }

  @Test
  void listingPagesThroughEveryUserOnceAndSearchesAndFilters() throws Exception {
    ok(platform.call("POST", "/admin/v1/orgs", "{\"slug\": \"paging\", \"name\": \"Paging\"}"), 201);
    for (int i = 0; i < 7; i++) {
      ok(platform.call("POST", "/admin/v1/orgs/paging/users", "{\"email\": \"user" + i + "@paging.example\", "
          + "\"name\": \"Person " + i + "\", \"status\": \"" + (i % 3 == 0 ? "disabled" : "active") + "\"}"), 201);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = ok(platform.call("GET", "/admin/v1/orgs/paging/users?limit=3"
          + (cursor == null ? "" : "&cursor=" + cursor), null), 200);
      page.getJsonArray("users").forEach(user -> seen.add(((JsonObject) user).getString("email")));
      cursor = page.getString("next");
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(7).doesNotHaveDuplicates().isSorted();

    assertThat(emails(ok(platform.call("GET", "/admin/v1/orgs/paging/users?search=PERSON%205", null), 200)))
        .containsExactly("user5@paging.example");
    assertThat(emails(ok(platform.call("GET", "/admin/v1/orgs/paging/users?status=disabled", null), 200)))
        .containsExactly("user0@paging.example", "user3@paging.example", "user6@paging.example");
    assertThat(emails(ok(platform.call("GET", "/admin/v1/orgs/paging/users?search=%25", null), 200))).isEmpty();
  }

  @Test
  void movingAUserToTheOrgOfTheirIdpFixesTheOrgMismatchInOneAuditedCall() throws Exception {
    OidcLoginHarness logins = environment.logins();
    idpUser("carol@acme.com");
    logins.rejectedCallback(logins.begin("carol@acme.com"), USER_NOT_ALLOWED, "org_mismatch");

    String carol = ok(platform.call("GET", "/admin/v1/orgs/beta/users?search=carol", null), 200)
        .getJsonArray("users").getJsonObject(0).getString("id");
    JsonObject moved = ok(platform.call("POST", "/admin/v1/orgs/beta/users/" + carol + "/move",
        "{\"org\": \"acme\"}"), 200);
    assertThat(moved.getString("org")).isEqualTo("acme");
    assertProblem(platform.call("GET", "/admin/v1/orgs/beta/users/" + carol, null), 404, "id", "id: no such user in this org");

    logins.logInSuccessfully("carol@acme.com");
    List<JsonObject> events = environment.audit().await(event -> "admin.user.moved".equals(event.getString("type"))
        && event.encode().contains(carol), 2, Duration.ofSeconds(20));
    assertThat(events).extracting(event -> event.getString("org")).containsExactlyInAnyOrder("beta", "acme");
    assertThat(events.get(0).getJsonObject("details").getJsonObject("before").getString("org")).isEqualTo("beta");
    assertThat(events.get(0).getJsonObject("details").getJsonObject("after").getString("org")).isEqualTo("acme");

    assertProblem(platform.call("POST", "/admin/v1/orgs/acme/users/" + carol + "/move", "{\"org\": \"acme\"}"), 409,
        "org");
    assertProblem(platform.call("POST", "/admin/v1/orgs/acme/users/" + carol + "/move", "{\"org\": \"nowhere\"}"),
        404, "org");
  }

  @Test
  void aUserDisabledThroughTheApiIsRefusedAtLoginWithUserDisabled() throws Exception {
    JsonObject dan = ok(platform.call("GET", "/admin/v1/orgs/acme/users?search=dan@", null), 200)
        .getJsonArray("users").getJsonObject(0);
    ok(platform.call("PUT", "/admin/v1/orgs/acme/users/" + dan.getString("id"),
        "{\"email\": \"dan@acme.com\", \"name\": \"Dan\", \"status\": \"disabled\"}"), 200);
    OidcLoginHarness logins = environment.logins();
    idpUser("dan@acme.com");
    logins.rejectedCallback(logins.begin("dan@acme.com"), USER_NOT_ALLOWED, "user_disabled");
    ok(platform.call("PUT", "/admin/v1/orgs/acme/users/" + dan.getString("id"),
        "{\"email\": \"dan@acme.com\", \"name\": \"Dan\", \"status\": \"active\"}"), 200);
    logins.logInSuccessfully("dan@acme.com");
  }

  @Test
  void anOrgAdminNeverSeesOrChangesAnotherOrgsUsers() throws Exception {
    String betaUser = ok(platform.call("POST", "/admin/v1/orgs/beta/users", "{\"email\": \"frank@beta.com\"}"), 201)
        .getString("id");
    String acmeToken = ok(platform.call("POST", "/admin/v1/tokens", "{\"org\": \"acme\", \"name\": \"acme admin\"}"),
        201).getString("token");
    AdminClient acmeAdmin = new AdminClient(environment.broker().adminPort, acmeToken);

    assertProblem(acmeAdmin.call("GET", "/admin/v1/orgs/beta/users", null), 404, "org", "org: no org beta");
    assertProblem(acmeAdmin.call("GET", "/admin/v1/orgs/beta/users/" + betaUser, null), 404, "id", "id: no such user in this org");
    assertProblem(acmeAdmin.call("GET", "/admin/v1/orgs/acme/users/" + betaUser, null), 404, "id", "id: no such user in this org");
    assertProblem(acmeAdmin.call("PUT", "/admin/v1/orgs/acme/users/" + betaUser,
        "{\"email\": \"frank@beta.com\", \"status\": \"disabled\"}"), 404, "id", "id: no such user in this org");
    assertProblem(acmeAdmin.call("DELETE", "/admin/v1/orgs/beta/users/" + betaUser, null), 404, "id", "id: no such user in this org");
    assertProblem(acmeAdmin.call("POST", "/admin/v1/orgs/beta/users", "{\"email\": \"x@beta.com\"}"), 404, "org",
        "org: no org beta");
    assertProblem(acmeAdmin.call("GET", "/admin/v1/orgs/beta/users/export", null), 404, "org", "org: no org beta");
    assertProblem(acmeAdmin.call("POST", "/admin/v1/orgs/acme/users/" + betaUser + "/move", "{\"org\": \"acme\"}"),
        403, null, "only a platform admin moves users between orgs");
    assertThat(acmeAdmin.call("GET", "/admin/v1/orgs/acme/users", null).body()).doesNotContain("frank@beta.com");
    assertThat(ok(platform.call("GET", "/admin/v1/orgs/beta/users/" + betaUser, null), 200).getString("status"))
        .isEqualTo("active");
  }

  @Test
  void badRequestsAreExplainedAndWriteNothing() throws Exception {
    long before = environment.broker().count("select count(*) from directory.users");
    assertProblem(platform.call("POST", "/admin/v1/orgs/acme/users", "{\"email\": \"not-an-email\"}"), 400, "email");
    assertProblem(platform.call("POST", "/admin/v1/orgs/acme/users", "{\"name\": \"No Email\"}"), 400, "email");
    assertProblem(platform.call("POST", "/admin/v1/orgs/acme/users", "{\"email\": \"g@acme.com\", \"role\": \"x\"}"),
        400, "role");
    assertProblem(platform.call("POST", "/admin/v1/orgs/acme/users", "{\"email\": \"g@acme.com\", \"status\": \"gone\"}"),
        400, "status");
    assertProblem(platform.call("POST", "/admin/v1/orgs/acme/users", "{\"email\": 42}"), 400, "email");
    assertProblem(platform.call("POST", "/admin/v1/orgs/nowhere/users", "{\"email\": \"g@nowhere.com\"}"), 404, "org");
    assertProblem(platform.call("GET", "/admin/v1/orgs/acme/users?limit=0", null), 400, "limit");
    assertProblem(platform.call("GET", "/admin/v1/orgs/acme/users?cursor=not*a*cursor", null), 400, "cursor");
    assertProblem(platform.call("GET", "/admin/v1/orgs/acme/users/not-a-uuid", null), 404, "id", "id: no such user in this org");
    assertProblem(platform.call("POST", "/admin/v1/orgs/acme/users", "[1, 2]"), 400, null,
        "the body must be a JSON object");
    assertThat(environment.broker().count("select count(*) from directory.users")).isEqualTo(before);
  }

  @Test
  void forgotPasswordNamesTheOrgsIdentityProviderForAnSsoDomainAndSendsNothing() throws Exception {
    TestBrowser browser = new TestBrowser();
    String url = environment.broker().baseUrl + "/password/forgot";
    HttpResponse<String> sso = browser.post(url, Map.of("email", "someone@GAMMA.com"), "Accept", "application/json");
    assertThat(sso.statusCode()).isEqualTo(200);
    JsonObject answer = new JsonObject(sso.body());
    assertThat(answer.getBoolean("sso")).isTrue();
    assertThat(answer.getString("org")).isEqualTo("gamma");
    assertThat(answer.getString("identityProvider")).isEqualTo("Microsoft Entra ID");
    assertThat(answer.getString("message")).contains("Microsoft Entra ID").contains("Reset it there");

    HttpResponse<String> generic = browser.post(url, Map.of("email", "x@beta.com"), "Accept", "application/json");
    assertThat(new JsonObject(generic.body()).getString("identityProvider")).isEqualTo("Beta Login");

    HttpResponse<String> page = browser.post(url, Map.of("email", "someone@gamma.com"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Microsoft Entra ID").contains("Reset it there");

    HttpResponse<String> other = browser.post(url, Map.of("email", "someone@example.org"), "Accept", "application/json");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(other.body())).isEqualTo(new JsonObject().put("sso", false));

    assertThat(browser.post(url, Map.of("email", "nope"), "Accept", "application/json").statusCode()).isEqualTo(400);
  }

  private static List<String> emails(JsonObject page) {
    JsonArray users = page.getJsonArray("users");
    return users.stream().map(user -> ((JsonObject) user).getString("email")).toList();
  }

  static JsonObject ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
  }

  /** A problem naming this field (when not null) with exactly this detail. */
  static void assertProblem(HttpResponse<String> response, int status, String field, String detail) {
    assertProblem(response, status, field);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("detail")).isEqualTo(detail);
    assertThat(problem.getString("field")).isEqualTo(field);
  }

  static void assertProblem(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("detail")).isNotBlank();
    if (field != null) {
      assertThat(problem.getString("field")).isEqualTo(field);
    }
  }
}
