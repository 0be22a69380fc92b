package io.ssobroker.app.login;

import static io.ssobroker.app.login.UserDirectoryIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoped admin tokens through the whole broker: a token may only ask what its scopes cover, whichever service owns
 * the address; a token never gets a scope its creator lacks; tokens made before scopes existed keep full rights.
 */
class ScopedAdminTokensIT {

  private static final String TOKEN = "platform-token-for-scoped-token-tests-0123456789";

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static AdminClient platform;
  private static TestIdp idp;

  @BeforeAll
  static void start() throws Exception {
    idp = environment.idp("/idp").client("app", "secret");
    environment.startBroker(work, """
        {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%s", "clientId": "app", "clientSecret": "secret"}}]}
        """.formatted(idp.discoveryUrl()), """
        {"email": "ann@acme.com", "name": "Ann", "org": "acme"}
        """, Map.of(), "--admin-token", TOKEN);
    platform = new AdminClient(environment.broker().adminPort, TOKEN);
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static AdminClient tokenOfAcme(AdminClient creator, String... scopes) throws Exception {
    JsonObject created = ok(creator.call("POST", "/admin/v1/tokens", new JsonObject().put("org", "acme")
        .put("name", "scoped " + UUID.randomUUID()).put("scopes", new JsonArray(List.of(scopes))).encode()), 201);
    assertThat(created.getJsonArray("scopes")).containsExactlyInAnyOrder((Object[]) scopes);
    return new AdminClient(environment.broker().adminPort, created.getString("token"));
  }

  private static JsonObject forbidden(HttpResponse<String> response, String missingScope) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("detail")).contains("lacks the scope " + missingScope);
    return problem;
  }

  @Test
  void anAuditReaderQueriesTheAuditAndNothingElse() throws Exception {
    AdminClient auditor = tokenOfAcme(platform, "audit:read");

    assertThat(ok(auditor.call("GET", "/admin/v1/audit?org=acme", null), 200).getJsonArray("items")).isNotNull();
    forbidden(auditor.call("GET", "/admin/v1/orgs/acme/users", null), "users:read");
    forbidden(auditor.call("POST", "/admin/v1/orgs/acme/users",
        "{\"email\": \"mallory@acme.com\", \"name\": \"Mallory\"}"), "users:write");
    forbidden(auditor.call("GET", "/admin/v1/orgs/acme/connectors", null), "connectors:read");
    forbidden(auditor.call("POST", "/admin/v1/orgs/acme/domains", "{\"domain\": \"acme.org\"}"), "domains:write");
    forbidden(auditor.call("GET", "/admin/v1/tokens", null), "tokens:read");
    assertThat(environment.broker().count("select count(*) from directory.users where email = 'mallory@acme.com'"))
        .isZero();
  }

  @Test
  void anIntrospectorIntrospectsApiKeysAndNothingElse() throws Exception {
    idp.user("ann@acme.com", Map.of("email", "ann@acme.com"));
    TestBrowser ann = environment.logins().signIn("ann@acme.com");
    String key = new JsonObject(ann.json("POST", environment.broker().baseUrl + "/api-keys",
        "{\"name\": \"backend\"}").body()).getString("key");
    AdminClient introspector = tokenOfAcme(platform, "api-keys:introspect");

    JsonObject answer = ok(introspector.call("POST", "/admin/v1/api-keys/introspect",
        new JsonObject().put("key", key).encode()), 200);
    assertThat(answer.getBoolean("active")).isTrue();
    assertThat(answer.getString("org")).isEqualTo("acme");
    forbidden(introspector.call("GET", "/admin/v1/orgs/acme", null), "orgs:read");
    forbidden(introspector.call("GET", "/admin/v1/orgs/acme/users", null), "users:read");
    forbidden(introspector.call("GET", "/admin/v1/audit?org=acme", null), "audit:read");
    forbidden(introspector.call("POST", "/admin/v1/tokens", "{\"org\": \"acme\", \"name\": \"wider\"}"),
        "tokens:write");
  }

  @Test
  void anOrgAdminCannotGiveATokenAScopeItLacks() throws Exception {
    AdminClient delegate = tokenOfAcme(platform, "tokens:write", "users:read");

    HttpResponse<String> wider = delegate.call("POST", "/admin/v1/tokens",
        "{\"org\": \"acme\", \"name\": \"wider\", \"scopes\": [\"users:read\", \"users:write\"]}");
    JsonObject problem = forbidden(wider, "users:write");
    assertThat(problem.getString("field")).isEqualTo("scopes[1]");
    JsonObject own = ok(delegate.call("POST", "/admin/v1/tokens", "{\"org\": \"acme\", \"name\": \"same\"}"), 201);
    assertThat(own.getJsonArray("scopes")).containsExactly("tokens:write", "users:read");
    AdminClient same = new AdminClient(environment.broker().adminPort, own.getString("token"));
    assertThat(same.call("GET", "/admin/v1/orgs/acme/users", null).statusCode()).isEqualTo(200);
    forbidden(same.call("POST", "/admin/v1/orgs/acme/users", "{\"email\": \"x@acme.com\", \"name\": \"X\"}"),
        "users:write");
    HttpResponse<String> unknown = platform.call("POST", "/admin/v1/tokens",
        "{\"org\": \"acme\", \"name\": \"typo\", \"scopes\": [\"users:read\", \"user:write\"]}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
    assertThat(new JsonObject(unknown.body()).getString("field")).isEqualTo("scopes[1]");
  }

  @Test
  void aTokenMadeBeforeScopesExistedKeepsFullRightsAndTheListShowsEveryTokensScopes() throws Exception {
    String old = "ssoadm_" + Tokens.random();
    UUID id = UUID.randomUUID();
    environment.broker().execute("insert into registry.admin_tokens (id, org_slug, name, token_hash) values ('"
        + id + "', 'acme', 'before scopes', decode('" + HexFormat.of().formatHex(Tokens.sha256(old)) + "', 'hex'))");
    AdminClient before = new AdminClient(environment.broker().adminPort, old);
    tokenOfAcme(platform, "connectors:read");

    assertThat(before.call("GET", "/admin/v1/orgs/acme/users", null).statusCode()).isEqualTo(200);
    assertThat(before.call("GET", "/admin/v1/orgs/acme/connectors", null).statusCode()).isEqualTo(200);
    assertThat(before.call("GET", "/admin/v1/audit?org=acme", null).statusCode()).isEqualTo(200);
    List<JsonObject> tokens = ok(before.call("GET", "/admin/v1/tokens", null), 200).getJsonArray("tokens").stream()
        .map(JsonObject.class::cast).toList();
    assertThat(tokens).filteredOn(token -> token.getString("id").equals(id.toString())).singleElement()
        .satisfies(token -> assertThat(token.getJsonArray("scopes")).containsExactlyElementsOf(
            AdminScope.ALL.stream().map(AdminScope::text).sorted().toList()));
    assertThat(tokens).anySatisfy(token -> assertThat(token.getJsonArray("scopes")).containsExactly("connectors:read"));
  }
}
