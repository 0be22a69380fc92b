package io.ssobroker.app.login;

import static io.ssobroker.app.login.UserDirectoryIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys of SSO users (SPEC section 9): created, listed and revoked with the session cookie, shown once and stored
 * hashed, introspected by the products' backends, audited, and dead at once when their user is disabled or deleted.
 */
class ApiKeysIT {

  private static final String TOKEN = "platform-token-for-api-key-tests-0123456789";

  @TempDir
  static Path work;

  private static final MovableClock clock = new MovableClock(Instant.now());
  private static final LoginTestEnvironment environment = new LoginTestEnvironment().withClock(clock);
  private static AdminClient platform;
  private static TestIdp idp;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    idp = environment.idp("/idp").client("app", "secret");
    String connectors = """
        {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%1$s", "clientId": "app", "clientSecret": "secret"}}],
         "beta": [{"kind": "oidc", "domains": ["beta.com"],
                   "parameters": {"discoveryEndpoint": "%1$s", "clientId": "app", "clientSecret": "secret"}}]}
        """.formatted(idp.discoveryUrl());
    environment.startBroker(work, connectors, """
        {"email": "ann@acme.com", "name": "Ann", "org": "acme"}
        {"email": "ben@acme.com", "name": "Ben", "org": "acme"}
        {"email": "cid@acme.com", "name": "Cid", "org": "acme"}
        {"email": "dee@acme.com", "name": "Dee", "org": "acme"}
        {"email": "eve@beta.com", "name": "Eve", "org": "beta"}
        """, Map.of(), "--admin-token", TOKEN);
    platform = new AdminClient(environment.broker().adminPort, TOKEN);
    base = environment.broker().baseUrl;
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static TestBrowser signIn(String email) throws Exception {
    idp.user(email, Map.of("email", email));
    return environment.logins().signIn(email);
  }

  private static JsonObject introspect(AdminClient admin, String key) throws Exception {
    return ok(admin.call("POST", "/admin/v1/api-keys/introspect", new JsonObject().put("key", key).encode()), 200);
  }

  @Test
  void aKeyIsShownOnceStoredHashedIntrospectedAndRevokedWithAuditEvents() throws Exception {
    TestBrowser ann = signIn("ann@acme.com");
    HttpResponse<String> created = ann.json("POST", base + "/api-keys", "{\"name\": \"CI pipeline\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject key = new JsonObject(created.body());
    String secret = key.getString("key");
    assertThat(secret).startsWith("ssok_").hasSize(77);
    assertThat(key.getString("name")).isEqualTo("CI pipeline");
    assertThat(key.getValue("expiresAt")).isNull();

    HttpResponse<String> listed = ann.get(base + "/api-keys");
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(secret).contains(key.getString("id")).contains("CI pipeline");
    assertThat(environment.broker().count("select count(*) from directory.api_keys where key_hash = '\\x"
        + HexFormat.of().formatHex(Tokens.sha256(secret)) + "'")).isEqualTo(1);
    assertThat(environment.broker().count("select count(*) from directory.api_keys k where k::text like '%"
        + secret.substring(5, 40) + "%'")).isZero();

    JsonObject active = introspect(platform, secret);
    assertThat(active.getBoolean("active")).isTrue();
    assertThat(active.getString("org")).isEqualTo("acme");
    assertThat(active.getString("userId")).isEqualTo(new JsonObject(ann.get(base + "/session").body())
        .getString("userId"));

    assertThat(ann.json("DELETE", base + "/api-keys/" + key.getString("id"), null).statusCode()).isEqualTo(204);
    assertThat(introspect(platform, secret)).isEqualTo(new JsonObject().put("active", false));
    HttpResponse<String> again = ann.json("DELETE", base + "/api-keys/" + key.getString("id"), null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(again.body()).getString("message")).isEqualTo("id: no such API key");
    assertThat(ann.get(base + "/api-keys").body()).doesNotContain(key.getString("id"));

    List<JsonObject> events = environment.audit().await(event -> event.getString("type").startsWith("api_key.")
        && event.encode().contains(key.getString("id")), 2, Duration.ofSeconds(20));
    assertThat(events).extracting(event -> event.getString("type"))
        .containsExactly("api_key.created", "api_key.revoked");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getString("org")).isEqualTo("acme");
      assertThat(event.getString("email")).isEqualTo("ann@acme.com");
      assertThat(event.getString("ip")).isEqualTo("127.0.0.1");
      assertThat(event.encode()).doesNotContain(secret.substring(5, 30));
    });
  }

  @Test
  void aKeyStopsWorkingWhenItExpires() throws Exception {
    TestBrowser ben = signIn("ben@acme.com");
    String expiresAt = clock.instant().plusSeconds(60).toString();
    JsonObject key = new JsonObject(ben.json("POST", base + "/api-keys",
        "{\"name\": \"short\", \"expiresAt\": \"" + expiresAt + "\"}").body());
    assertThat(introspect(platform, key.getString("key")).getBoolean("active")).isTrue();
    assertThat(introspect(platform, key.getString("key")).getString("expiresAt")).isNotNull();
    clock.advance(Duration.ofSeconds(59));
    assertThat(introspect(platform, key.getString("key")).getBoolean("active")).as("a second before expiry").isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(introspect(platform, key.getString("key")).getBoolean("active")).isFalse();

    HttpResponse<String> past = ben.json("POST", base + "/api-keys", "{\"name\": \"old\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}");
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(past.body()).getString("message")).isEqualTo("expiresAt: must be in the future");
    assertRefusal(ben.json("POST", base + "/api-keys", "{\"name\": \"x\", \"expiresAt\": \"tomorrow\"}"),
        "expiresAt: must be an RFC 3339 date-time such as 2027-01-31T00:00:00Z");
    assertRefusal(ben.json("POST", base + "/api-keys", "{}"), "name: required");
    assertRefusal(ben.json("POST", base + "/api-keys", "{\"name\": \"x\", \"scope\": \"all\"}"),
        "scope: unknown field (expected name, expiresAt)");
    assertThat(ben.json("POST", base + "/api-keys", "not json").statusCode()).isEqualTo(400);
  }

  @Test
  void disablingAUserKillsTheirKeysAndSessionsAtOnceAndForGood() throws Exception {
    TestBrowser cid = signIn("cid@acme.com");
    String secret = new JsonObject(cid.json("POST", base + "/api-keys", "{\"name\": \"laptop\"}").body())
        .getString("key");
    String userId = new JsonObject(cid.get(base + "/session").body()).getString("userId");
    assertThat(introspect(platform, secret).getBoolean("active")).isTrue();

    ok(platform.call("PUT", "/admin/v1/orgs/acme/users/" + userId,
        "{\"email\": \"cid@acme.com\", \"name\": \"Cid\", \"status\": \"disabled\"}"), 200);
    assertThat(introspect(platform, secret).getBoolean("active")).isFalse();
    assertThat(cid.get(base + "/session").statusCode()).isEqualTo(401);
    assertThat(cid.get(base + "/api-keys").statusCode()).isEqualTo(401);
    assertThat(environment.broker().count("select count(*) from edge.sessions where user_id = '" + userId + "'"))
        .isZero();
    assertThat(environment.audit().await(event -> "api_key.revoked".equals(event.getString("type"))
        && userId.equals(event.getString("userId")), 1, Duration.ofSeconds(20)))
        .singleElement().satisfies(event -> assertThat(event.getJsonObject("details").getString("reason"))
            .isEqualTo("user_disabled"));

    ok(platform.call("PUT", "/admin/v1/orgs/acme/users/" + userId,
        "{\"email\": \"cid@acme.com\", \"name\": \"Cid\", \"status\": \"active\"}"), 200);
    assertThat(introspect(platform, secret).getBoolean("active")).as("re-enabling does not revive keys").isFalse();
  }

  @Test
  void deletingAUserKillsTheirKeysAndSessions() throws Exception {
    TestBrowser dee = signIn("dee@acme.com");
    String secret = new JsonObject(dee.json("POST", base + "/api-keys", "{\"name\": \"script\"}").body())
        .getString("key");
    String userId = new JsonObject(dee.get(base + "/session").body()).getString("userId");
    assertThat(platform.call("DELETE", "/admin/v1/orgs/acme/users/" + userId, null).statusCode()).isEqualTo(204);
    assertThat(introspect(platform, secret).getBoolean("active")).isFalse();
    assertThat(dee.get(base + "/session").statusCode()).isEqualTo(401);
  }

  @Test
  void anOrgAdminIntrospectsItsOwnOrgsKeysOnly() throws Exception {
    TestBrowser eve = signIn("eve@beta.com");
    String secret = new JsonObject(eve.json("POST", base + "/api-keys", "{\"name\": \"beta key\"}").body())
        .getString("key");
    AdminClient acmeAdmin = new AdminClient(environment.broker().adminPort, ok(platform.call("POST",
        "/admin/v1/tokens", "{\"org\": \"acme\", \"name\": \"acme backend\"}"), 201).getString("token"));
    AdminClient betaAdmin = new AdminClient(environment.broker().adminPort, ok(platform.call("POST",
        "/admin/v1/tokens", "{\"org\": \"beta\", \"name\": \"beta backend\"}"), 201).getString("token"));
    assertThat(introspect(acmeAdmin, secret)).isEqualTo(new JsonObject().put("active", false));
    assertThat(introspect(betaAdmin, secret).getString("org")).isEqualTo("beta");
  }

  @Test
  void madeUpMalformedOrMissingKeysAreInactiveOrRefused() throws Exception {
    assertThat(introspect(platform, "ssok_" + "0".repeat(72)).getBoolean("active")).isFalse();
    assertThat(introspect(platform, "hello").getBoolean("active")).isFalse();
    UserDirectoryIT.assertProblem(platform.call("POST", "/admin/v1/api-keys/introspect", "{}"), 400, "key",
        "key: required");
    UserDirectoryIT.assertProblem(platform.call("POST", "/admin/v1/api-keys/introspect", "{\"key\": 5}"), 400, "key",
        "key: must be a string");
    assertThat(new AdminClient(environment.broker().adminPort, "wrong").call("POST", "/admin/v1/api-keys/introspect",
        "{\"key\": \"hello\"}").statusCode()).isEqualTo(401);
  }

  @Test
  void keysAreManagedWithASessionFromThisSiteOnly() throws Exception {
    TestBrowser stranger = new TestBrowser();
    assertThat(stranger.get(base + "/api-keys").statusCode()).isEqualTo(401);
    assertThat(stranger.json("POST", base + "/api-keys", "{\"name\": \"x\"}").statusCode()).isEqualTo(401);

    TestBrowser ann = signIn("ann@acme.com");
    assertThat(ann.json("POST", base + "/api-keys", "{\"name\": \"x\"}", "Origin", "https://evil.example")
        .statusCode()).isEqualTo(403);
    assertThat(ann.json("POST", base + "/api-keys", "{\"name\": \"x\"}", "Sec-Fetch-Site", "cross-site")
        .statusCode()).isEqualTo(403);
    assertThat(ann.post(base + "/api-keys", Map.of("name", "x")).statusCode()).isEqualTo(415);
    assertThat(ann.json("POST", base + "/api-keys", "{\"name\": \"x\"}", "Origin", base).statusCode())
        .isEqualTo(201);
  }

  /** The edge's refusal of a key request: a 400 whose message names the field. */
  private static void assertRefusal(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("message")).isEqualTo(message);
  }
}
