package io.ssobroker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.AuditTopicReader;
import io.ssobroker.app.login.LoginTestEnvironment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API on the admin port (SPEC section 8): tokens, orgs, isolation between orgs, problem details. */
class AdminApiIT {

  private static final String PLATFORM_TOKEN = "platform-token-for-tests-0123456789abcdef";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static AuditTopicReader audit;
  private static int adminPort;

  @BeforeAll
  static void start() throws Exception {
    environment.startBroker(work, """
        {"filed": [{"kind": "oidc", "domains": ["filed.example.com"],
                    "parameters": {"discoveryEndpoint": "https://idp.filed.example.com/.well-known/openid-configuration",
                                   "clientId": "c", "clientSecret": "file-secret-value"}}]}
        """, "", Map.of(), "--admin-token", PLATFORM_TOKEN);
    audit = environment.audit();
    adminPort = environment.broker().adminPort;
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static long count(String sql) {
    return environment.broker().count(sql);
  }

  private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject problem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }

  private static String createOrgAdminToken(String org) throws Exception {
    HttpResponse<String> created = call("POST", "/admin/v1/tokens", PLATFORM_TOKEN,
        new JsonObject().put("org", org).put("name", "admin of " + org).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return new JsonObject(created.body()).getString("token");
  }

  private static void createOrg(String slug) throws Exception {
    HttpResponse<String> created = call("POST", "/admin/v1/orgs", PLATFORM_TOKEN,
        new JsonObject().put("slug", slug).put("name", slug.toUpperCase()).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  @Test
  void requestsWithoutAValidTokenAreRejected() throws Exception {
    problem(call("GET", "/admin/v1/orgs", null, null), 401);
    problem(call("GET", "/admin/v1/orgs", "not-a-token", null), 401);
    HttpResponse<String> basic = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
        + "/admin/v1/orgs")).header("Authorization", "Basic YTpi").build(), HttpResponse.BodyHandlers.ofString());
    problem(basic, 401);
    assertThat(basic.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(call("GET", "/admin/v1/orgs", PLATFORM_TOKEN, null).statusCode()).isEqualTo(200);
    HttpResponse<String> onPublicPort = HTTP.send(HttpRequest.newBuilder(URI.create(environment.broker().baseUrl
        + "/admin/v1/orgs")).header("Authorization", "Bearer " + PLATFORM_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(onPublicPort.statusCode()).as("never on the public port").isEqualTo(404);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(environment.broker().baseUrl + "/admin/openapi.json")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
  }

  @Test
  void platformAdminCreatesReadsUpdatesAndDeletesAnOrgAndEachChangeIsAudited() throws Exception {
    HttpResponse<String> created = call("POST", "/admin/v1/orgs", PLATFORM_TOKEN, """
        {"slug": "crud", "name": "Crud Inc", "landingUrl": "https://app.crud.example/home",
         "allowedReturnOrigins": ["https://app.crud.example", "https://admin.crud.example:8443/"]}
        """);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject org = new JsonObject(created.body());
    assertThat(org.getString("slug")).isEqualTo("crud");
    assertThat(org.getJsonArray("allowedReturnOrigins"))
        .isEqualTo(new JsonArray(List.of("https://app.crud.example", "https://admin.crud.example:8443")));

    assertThat(new JsonObject(call("GET", "/admin/v1/orgs/crud", PLATFORM_TOKEN, null).body()).getString("name"))
        .isEqualTo("Crud Inc");
    HttpResponse<String> updated = call("PUT", "/admin/v1/orgs/crud", PLATFORM_TOKEN, "{\"name\": \"Crud Renamed\"}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(new JsonObject(updated.body()).getString("landingUrl")).isNull();
    assertThat(call("DELETE", "/admin/v1/orgs/crud", PLATFORM_TOKEN, null).statusCode()).isEqualTo(204);
    problem(call("GET", "/admin/v1/orgs/crud", PLATFORM_TOKEN, null), 404);

    List<JsonObject> events = audit.await(event -> "crud".equals(event.getString("org"))
        && event.getString("type").startsWith("admin.org."), 3, Duration.ofSeconds(20));
    assertThat(events).extracting(event -> event.getString("type"))
        .containsExactly("admin.org.created", "admin.org.updated", "admin.org.deleted");
    JsonObject update = events.get(1).getJsonObject("details");
    assertThat(update.getJsonObject("actor").getString("type")).isEqualTo("platform-admin");
    assertThat(update.getJsonObject("before").getString("name")).isEqualTo("Crud Inc");
    assertThat(update.getJsonObject("after").getString("name")).isEqualTo("Crud Renamed");
  }

  @Test
  void orgAdminTokenIsShownOnceListedWithoutSecretAndRevocable() throws Exception {
    createOrg("tokens");
    HttpResponse<String> created = call("POST", "/admin/v1/tokens", PLATFORM_TOKEN,
        "{\"org\": \"tokens\", \"name\": \"ci\"}");
    JsonObject token = new JsonObject(created.body());
    String secret = token.getString("token");
    assertThat(secret).startsWith("ssoadm_").hasSizeGreaterThan(40);

    String listed = call("GET", "/admin/v1/tokens", PLATFORM_TOKEN, null).body();
    assertThat(listed).contains(token.getString("id")).doesNotContain(secret);
    assertThat(call("GET", "/admin/v1/orgs/tokens", secret, null).statusCode()).isEqualTo(200);
    assertThat(count("select count(*) from registry.admin_tokens where token_hash::text like '%"
        + secret.substring(7, 20) + "%'")).isZero();

    assertThat(call("DELETE", "/admin/v1/tokens/" + token.getString("id"), PLATFORM_TOKEN, null).statusCode())
        .isEqualTo(204);
    problem(call("GET", "/admin/v1/orgs/tokens", secret, null), 401);
    JsonObject revoked = audit.await(event -> "admin.token.revoked".equals(event.getString("type"))
        && "tokens".equals(event.getString("org")), 1, Duration.ofSeconds(20)).get(0);
    assertThat(revoked.encode()).doesNotContain(secret);
  }

  @Test
  void anOrgAdminNeverReadsOrChangesAnotherOrg() throws Exception {
    createOrg("mine");
    createOrg("theirs");
    String mine = createOrgAdminToken("mine");
    String theirTokenId = new JsonObject(call("POST", "/admin/v1/tokens", PLATFORM_TOKEN,
        "{\"org\": \"theirs\", \"name\": \"x\"}").body()).getString("id");

    assertThat(problem(call("GET", "/admin/v1/orgs/theirs", mine, null), 404).getString("field")).isEqualTo("org");
    assertThat(problem(call("PUT", "/admin/v1/orgs/theirs", mine, "{\"name\": \"Hijacked\"}"), 404).getString("field"))
        .isEqualTo("org");
    assertThat(problem(call("DELETE", "/admin/v1/orgs/theirs", mine, null), 404).getString("field")).isEqualTo("org");
    assertThat(problem(call("POST", "/admin/v1/orgs", mine, "{\"slug\": \"another\", \"name\": \"Another\"}"), 403)
        .getString("detail")).isEqualTo("only a platform admin creates orgs");
    assertThat(problem(call("POST", "/admin/v1/tokens", mine, "{\"org\": \"theirs\", \"name\": \"x\"}"), 404)
        .getString("field")).isEqualTo("org");
    assertThat(problem(call("DELETE", "/admin/v1/tokens/" + theirTokenId, mine, null), 404).getString("field"))
        .isEqualTo("id");
    JsonArray orgs = new JsonObject(call("GET", "/admin/v1/orgs", mine, null).body()).getJsonArray("orgs");
    assertThat(orgs.stream().map(o -> ((JsonObject) o).getString("slug"))).containsExactly("mine");
    JsonArray tokens = new JsonObject(call("GET", "/admin/v1/tokens", mine, null).body()).getJsonArray("tokens");
    assertThat(tokens.stream().map(t -> ((JsonObject) t).getString("org"))).containsOnly("mine");

    String theirConnector = new JsonObject(call("POST", "/admin/v1/orgs/theirs/connectors", PLATFORM_TOKEN,
        CONNECTOR.formatted("s").replace("conn.example.com", "theirs.example.com")).body()).getString("id");
    assertThat(problem(call("GET", "/admin/v1/orgs/theirs/connectors", mine, null), 404).getString("field"))
        .isEqualTo("org");
    assertThat(problem(call("GET", "/admin/v1/orgs/theirs/connectors/" + theirConnector, mine, null), 404)
        .getString("field")).isEqualTo("id");
    assertThat(problem(call("POST", "/admin/v1/orgs/theirs/connectors", mine, CONNECTOR.formatted("s")), 404)
        .getString("field")).isEqualTo("org");
    assertThat(problem(call("PUT", "/admin/v1/orgs/theirs/connectors/" + theirConnector, mine,
        CONNECTOR.formatted("s")), 404).getString("field")).isEqualTo("id");
    assertThat(problem(call("DELETE", "/admin/v1/orgs/theirs/connectors/" + theirConnector, mine, null), 404)
        .getString("field")).isEqualTo("id");
    assertThat(problem(call("GET", "/admin/v1/orgs/mine/connectors/" + theirConnector, mine, null), 404)
        .getString("field")).isEqualTo("id");
    assertThat(problem(call("POST", "/admin/v1/orgs/theirs/connectors/" + theirConnector + "/activate", mine, null),
        404).getString("field")).isEqualTo("id");
    assertThat(problem(call("POST", "/admin/v1/orgs/mine/connectors/" + theirConnector + "/activate", mine, null),
        404).getString("field")).isEqualTo("id");
    assertThat(problem(call("POST", "/admin/v1/orgs/theirs/connectors/" + theirConnector + "/test", mine,
        "{\"testers\": [\"a@theirs.example.com\"]}"), 404).getString("field")).isEqualTo("id");

    assertThat(new JsonObject(call("GET", "/admin/v1/orgs/theirs", PLATFORM_TOKEN, null).body()).getString("name"))
        .as("nothing changed").isEqualTo("THEIRS");
    assertThat(call("PUT", "/admin/v1/orgs/mine", mine, "{\"name\": \"Mine Renamed\"}").statusCode()).isEqualTo(200);
    assertThat(problem(call("DELETE", "/admin/v1/orgs/mine", mine, null), 403).getString("detail"))
        .isEqualTo("only a platform admin deletes orgs");
  }

  @Test
  void badInputGetsProblemDetailsNamingTheFieldAndWritesNothing() throws Exception {
    long orgsBefore = count("select count(*) from registry.orgs");

    problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN, "{\"slug\": \"broken\""), 400);
    problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN, "[1, 2]"), 400);
    assertThat(problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN,
        "{\"slug\": \"x1\", \"name\": \"X\", \"colour\": \"red\"}"), 400).getString("field")).isEqualTo("colour");
    assertThat(problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN, "{\"slug\": \"Not A Slug\", \"name\": \"X\"}"), 400)
        .getString("field")).isEqualTo("slug");
    assertThat(problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN, "{\"slug\": \"x2\"}"), 400).getString("field"))
        .isEqualTo("name");
    assertThat(problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN,
        "{\"slug\": \"x3\", \"name\": \"X\", \"landingUrl\": \"javascript:alert(1)\"}"), 400).getString("field"))
        .isEqualTo("landingUrl");
    assertThat(problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN,
        "{\"slug\": \"x4\", \"name\": \"X\", \"allowedReturnOrigins\": [\"https://a.example/path\"]}"), 400)
        .getString("field")).isEqualTo("allowedReturnOrigins[0]");
    problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN, "{\"slug\": \"x5\", \"name\": \"" + "n".repeat(2_000_000) + "\"}"), 413);
    HttpResponse<String> notJson = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
            + "/admin/v1/orgs")).header("Authorization", "Bearer " + PLATFORM_TOKEN).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("slug=x6")).build(), HttpResponse.BodyHandlers.ofString());
    problem(notJson, 415);
    createOrg("dup");
    assertThat(problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN, "{\"slug\": \"dup\", \"name\": \"Again\"}"), 409)
        .getString("field")).isEqualTo("slug");
    problem(call("GET", "/admin/v1/nothing", PLATFORM_TOKEN, null), 404);

    assertThat(count("select count(*) from registry.orgs")).isEqualTo(orgsBefore + 1);
  }

  private static final String CONNECTOR = """
      {"kind": "oidc", "displayName": "Conn SSO", "domains": ["conn.example.com"],
       "parameters": {"discoveryEndpoint": "https://idp.conn.example.com/.well-known/openid-configuration",
                      "clientId": "conn-client", "clientSecret": "%s", "clientSecretExpiresAt": "2027-06-30"}}
      """;

  private static java.util.Optional<String> secretSeenByTheEdge(String connectorId) {
    var broker = environment.broker().broker();
    var registry = new io.ssobroker.platform.registry.RegistryClient(broker.serviceContext().busRequester(broker.vertx()));
    return io.ssobroker.platform.testing.Await.result(registry.connectorById(java.util.UUID.fromString(connectorId)))
        .orElseThrow().clientSecret().map(io.ssobroker.platform.Secret::value);
  }

  @Test
  void connectorsAreDraftsWhoseSecretsAreWriteOnlyAndSealedAtRest() throws Exception {
    createOrg("conn");
    String secret = "super-secret-value-0123456789";
    HttpResponse<String> created = call("POST", "/admin/v1/orgs/conn/connectors", PLATFORM_TOKEN,
        CONNECTOR.formatted(secret));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).doesNotContain(secret);
    JsonObject connector = new JsonObject(created.body());
    String id = connector.getString("id");
    assertThat(connector.getString("state")).isEqualTo("draft");
    assertThat(connector.getString("source")).isEqualTo("api");
    assertThat(connector.getBoolean("clientSecretSet")).isTrue();
    assertThat(connector.getString("clientSecretExpiresAt")).isEqualTo("2027-06-30");
    assertThat(connector.getJsonObject("parameters").containsKey("clientSecret")).isFalse();
    assertThat(count("select count(*) from registry.connectors where position(convert_to('" + secret
        + "', 'UTF8') in client_secret_sealed) > 0 or parameters::text like '%" + secret + "%'"))
        .as("not stored in clear").isZero();
    assertThat(secretSeenByTheEdge(id)).contains(secret);

    HttpResponse<String> renamed = call("PUT", "/admin/v1/orgs/conn/connectors/" + id, PLATFORM_TOKEN,
        new JsonObject(CONNECTOR.formatted("x")).put("displayName", "Renamed").put("parameters",
            new JsonObject(CONNECTOR.formatted("x")).getJsonObject("parameters").copy()).encode()
            .replace(",\"clientSecret\":\"x\"", ""));
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(new JsonObject(renamed.body()).getString("displayName")).isEqualTo("Renamed");
    assertThat(secretSeenByTheEdge(id)).as("a body without a secret keeps it").contains(secret);
    assertThat(call("PUT", "/admin/v1/orgs/conn/connectors/" + id, PLATFORM_TOKEN,
        CONNECTOR.formatted("rotated-secret")).statusCode()).isEqualTo(200);
    assertThat(secretSeenByTheEdge(id)).contains("rotated-secret");

    assertThat(call("DELETE", "/admin/v1/orgs/conn/connectors/" + id, PLATFORM_TOKEN, null).statusCode()).isEqualTo(204);
    problem(call("GET", "/admin/v1/orgs/conn/connectors/" + id, PLATFORM_TOKEN, null), 404);
    List<JsonObject> events = audit.await(event -> "conn".equals(event.getString("org"))
        && event.getString("type").startsWith("admin.connector."), 4, Duration.ofSeconds(20));
    assertThat(events).extracting(event -> event.getString("type")).containsExactly("admin.connector.created",
        "admin.connector.updated", "admin.connector.updated", "admin.connector.deleted");
    assertThat(events.toString()).doesNotContain(secret).doesNotContain("rotated-secret");
  }

  @Test
  void connectorBodiesAreValidatedLikeTheFileAndFileConnectorsAreReadOnly() throws Exception {
    createOrg("checks");
    JsonObject noClientId = new JsonObject(CONNECTOR.formatted("s"));
    noClientId.getJsonObject("parameters").remove("clientId");
    assertThat(problem(call("POST", "/admin/v1/orgs/checks/connectors", PLATFORM_TOKEN, noClientId.encode()), 400)
        .getString("field")).isEqualTo("parameters.clientId");
    assertThat(problem(call("POST", "/admin/v1/orgs/checks/connectors", PLATFORM_TOKEN,
        new JsonObject(CONNECTOR.formatted("s")).put("emailPattern", "([a-z").encode()), 400).getString("field"))
        .isEqualTo("emailPattern");
    assertThat(problem(call("POST", "/admin/v1/orgs/checks/connectors", PLATFORM_TOKEN,
        new JsonObject(CONNECTOR.formatted("s")).put("domains", new JsonArray().add("filed.example.com")).encode()), 409)
        .getString("field")).isEqualTo("domains[0]");
    assertThat(problem(call("POST", "/admin/v1/orgs/checks/connectors", PLATFORM_TOKEN,
        CONNECTOR.formatted("s").replace("https://idp.conn", "http://idp.conn")), 400).getString("field"))
        .isEqualTo("parameters.discoveryEndpoint");
    assertThat(problem(call("POST", "/admin/v1/orgs/checks/connectors", PLATFORM_TOKEN,
        new JsonObject(CONNECTOR.formatted("s")).put("unexpected", true).encode()), 400).getString("field"))
        .isEqualTo("unexpected");
    String entraMulti = """
        {"kind": "azure", "domains": ["checks.example"],
         "parameters": {"tenantId": "2f1c6bde-55c4-4a5e-9d1c-6f3a1b2c3d4e", "tenantType": "multi",
                        "clientId": "app", "clientSecret": "s"%s}}
        """;
    JsonObject untrustedTenants = problem(call("POST", "/admin/v1/orgs/checks/connectors", PLATFORM_TOKEN,
        entraMulti.formatted("")), 400);
    assertThat(untrustedTenants.getString("field")).isEqualTo("parameters.allowedTenants");
    assertThat(untrustedTenants.getString("detail")).contains("required for tenantType multi");
    assertThat(problem(call("POST", "/admin/v1/orgs/checks/connectors", PLATFORM_TOKEN,
        entraMulti.formatted(", \"allowedTenants\": [\"9188040d-6c67-4c5b-b112-36a304b66dad\"]")), 400)
        .getString("field")).isEqualTo("parameters.allowedTenants[0]");
    assertThat(count("select count(*) from registry.connectors where org_slug = 'checks'"))
        .as("no rejected connector was half-written").isZero();
    HttpResponse<String> literal = call("POST", "/admin/v1/orgs/checks/connectors", PLATFORM_TOKEN,
        CONNECTOR.formatted("${env:SSO_ADMIN_TOKEN}"));
    assertThat(literal.statusCode()).isEqualTo(201);
    assertThat(secretSeenByTheEdge(new JsonObject(literal.body()).getString("id")))
        .as("an API secret is taken literally, never resolved from the broker's environment")
        .contains("${env:SSO_ADMIN_TOKEN}");

    JsonArray fileConnectors = new JsonObject(call("GET", "/admin/v1/orgs/filed/connectors", PLATFORM_TOKEN, null).body())
        .getJsonArray("connectors");
    JsonObject fromFile = fileConnectors.getJsonObject(0);
    assertThat(fromFile.getString("source")).isEqualTo("file");
    assertThat(fromFile.encode()).doesNotContain("file-secret-value");
    assertThat(problem(call("PUT", "/admin/v1/orgs/filed/connectors/" + fromFile.getString("id"), PLATFORM_TOKEN,
        CONNECTOR.formatted("s").replace("conn.example.com", "filed.example.com")), 409).getString("field"))
        .isEqualTo("source");
    assertThat(problem(call("DELETE", "/admin/v1/orgs/filed/connectors/" + fromFile.getString("id"), PLATFORM_TOKEN,
        null), 409).getString("field")).isEqualTo("source");
  }

  @Test
  void anOrgOfTheConnectorsFileCannotBeDeletedThroughTheApi() throws Exception {
    JsonObject refused = problem(call("DELETE", "/admin/v1/orgs/filed", PLATFORM_TOKEN, null), 409);
    assertThat(refused.getString("detail")).contains("connectors file");
    assertThat(refused.getString("field")).isEqualTo("slug");
    assertThat(call("GET", "/admin/v1/orgs/filed", PLATFORM_TOKEN, null).body()).doesNotContain("file-secret-value");
  }

  @Test
  void aMethodTheDocumentDoesNotHaveIsRefusedWith405NamingTheOnesItHas() throws Exception {
    HttpResponse<String> patched = call("PATCH", "/admin/v1/orgs/anything", PLATFORM_TOKEN, "{}");
    problem(patched, 405);
    assertThat(patched.headers().firstValue("Allow")).contains("DELETE, GET, PUT");
    HttpResponse<String> deleted = call("DELETE", "/admin/v1/orgs", PLATFORM_TOKEN, null);
    problem(deleted, 405);
    assertThat(deleted.headers().firstValue("Allow")).contains("GET, POST");
    assertThat(call("PATCH", "/admin/v1/orgs/anything", null, "{}").statusCode()).as("authentication first")
        .isEqualTo(401);
    problem(call("PUT", "/admin/v1/nothing/here", PLATFORM_TOKEN, "{}"), 404);
  }

  @Test
  void bodiesAndParametersAreCheckedAgainstTheDocumentNamingTheField() throws Exception {
    JsonObject wrongType = problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN, "{\"slug\": \"typed\", \"name\": 5}"),
        400);
    assertThat(wrongType.getString("field")).isEqualTo("name");
    assertThat(wrongType.getString("detail")).startsWith("name: ");
    JsonObject missing = problem(call("POST", "/admin/v1/orgs", PLATFORM_TOKEN, "{\"name\": \"No slug\"}"), 400);
    assertThat(missing.getString("field")).isEqualTo("slug");
    assertThat(missing.getString("detail")).isEqualTo("slug: required");
    JsonObject limit = problem(call("GET", "/admin/v1/audit?type=login.failed&limit=lots", PLATFORM_TOKEN, null), 400);
    assertThat(limit.getString("field")).isEqualTo("limit");
    assertThat(call("GET", "/admin/v1/audit?type=login.failed&limit=5", PLATFORM_TOKEN, null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void theOpenApiDocumentIsServed() throws Exception {
    HttpResponse<String> document = call("GET", "/admin/openapi.json", null, null);
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(document.body()).getJsonObject("paths").fieldNames()).contains("/admin/v1/orgs");
  }
}
