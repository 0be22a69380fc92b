package io.ssobroker.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.AdminClient;
import io.ssobroker.app.login.LoginTestEnvironment;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin console over HTTP, against the all-in-one broker: sessions, forms, escaping and what each admin sees. */
class ConsoleIT {

  private static final String PLATFORM_TOKEN = "console-platform-token-0123456789abcdef";
  private static final String HOSTILE_NAME = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
  private static final MovableClock clock = new MovableClock(Instant.now());
  private static final LoginTestEnvironment environment = new LoginTestEnvironment().withClock(clock);

  @TempDir
  static Path work;
  private static int adminPort;
  private static AdminClient platform;

  @BeforeAll
  static void start() throws Exception {
    environment.startBroker(work, "{}", "", Map.of(), "--admin-token", PLATFORM_TOKEN);
    adminPort = environment.broker().adminPort;
    platform = new AdminClient(adminPort, PLATFORM_TOKEN);
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static ConsoleVisitor signedIn(String token) throws Exception {
    ConsoleVisitor visitor = new ConsoleVisitor(adminPort);
    HttpResponse<String> signedIn = visitor.signIn(token);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
    return visitor;
  }

  private static void createOrg(String slug, String name) throws Exception {
    HttpResponse<String> created = platform.call("POST", "/admin/v1/orgs",
        new JsonObject().put("slug", slug).put("name", name).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private static String orgAdminToken(String org) throws Exception {
    HttpResponse<String> created = platform.call("POST", "/admin/v1/tokens",
        new JsonObject().put("org", org).put("name", "admin of " + org).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return new JsonObject(created.body()).getString("token");
  }

  @Test
  void aPlatformAdminCreatesAnOrgWithTheSameServiceAndAuditEventAsTheApi() throws Exception {
    ConsoleVisitor admin = signedIn(PLATFORM_TOKEN);
    assertThat(admin.get("/console").headers().firstValue("Location")).contains("/console/orgs");

    HttpResponse<String> created = admin.submit("/console/orgs", "/console/orgs",
        Map.of("slug", "initech", "name", "Initech"));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
    assertThat(created.headers().firstValue("Location")).contains("/console/orgs/initech");
    assertThat(new JsonObject(platform.call("GET", "/admin/v1/orgs/initech", null).body()).getString("name"))
        .isEqualTo("Initech");
    JsonObject event = environment.audit().await(candidate -> "admin.org.created".equals(candidate.getString("type"))
        && "initech".equals(candidate.getString("org")), 1, Duration.ofSeconds(20)).get(0);
    assertThat(event.encode()).doesNotContain(PLATFORM_TOKEN);
    HttpResponse<String> overview = admin.get("/console/orgs/initech");
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("<h1>Initech").contains("No connector yet").contains("No domain claimed");
  }

  @Test
  void aCsvImportShowsItsProgressThenEveryRejectedLineAndIsTheApisImport() throws Exception {
    createOrg("importco", "Import Co");
    ConsoleVisitor admin = signedIn(PLATFORM_TOKEN);
    byte[] csv = "email,name\nann@importco.example,Ann\nnot-an-email,Bad\nbob@importco.example,<b>Bob</b>\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    HttpResponse<String> started = admin.upload("/console/orgs/importco/users", "/console/orgs/importco/users/import",
        Map.of(), "file", "users.csv", csv);

    assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
    String jobPage = started.headers().firstValue("Location").orElseThrow();
    assertThat(jobPage).startsWith("/console/orgs/importco/users/import/");
    HttpResponse<String> report = endedImport(admin, jobPage);
    assertThat(report.body()).contains("2 created, 0 updated").contains("1 lines rejected")
        .contains("<td>3</td><td><code>email</code></td>").doesNotContain("<b>Bob</b>");
    assertThat(new JsonObject(admin.get(jobPage + "/progress").body()))
        .isEqualTo(new JsonObject().put("ended", true).put("lines", 4).put("checked", 4));
    assertThat(platform.call("GET", "/admin/v1/orgs/importco/users", null).body())
        .contains("ann@importco.example").contains("bob@importco.example").doesNotContain("not-an-email");
    environment.audit().await(event -> "admin.users.imported".equals(event.getString("type"))
        && "importco".equals(event.getString("org")), 1, Duration.ofSeconds(20));
    assertThat(signedIn(PLATFORM_TOKEN).get(jobPage).statusCode()).as("another session").isEqualTo(404);

    HttpResponse<String> atomic = admin.upload("/console/orgs/importco/users", "/console/orgs/importco/users/import",
        Map.of("atomic", "on"), "file", "users.csv",
        "email\ncyd@importco.example\nbad\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(endedImport(admin, atomic.headers().firstValue("Location").orElseThrow()).body())
        .contains("Nothing was imported: 1 lines were rejected");
    assertThat(platform.call("GET", "/admin/v1/orgs/importco/users", null).body()).doesNotContain("cyd@");

    HttpResponse<String> forged = admin.uploadRaw("/console/orgs/importco/users/import", Map.of(), "file", "x.csv",
        "email\ndee@importco.example\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(forged.statusCode()).isEqualTo(403);
    byte[] tooLarge = new byte[11 * 1024 * 1024];
    java.util.Arrays.fill(tooLarge, (byte) 'a');
    assertThat(admin.upload("/console/orgs/importco/users", "/console/orgs/importco/users/import", Map.of(), "file",
        "big.csv", tooLarge).statusCode()).isEqualTo(413);
    assertThat(platform.call("GET", "/admin/v1/orgs/importco/users", null).body()).doesNotContain("dee@");
  }

  @Test
  void aPlatformAdminManagesProductClientsWithSecretsShownOnce() throws Exception {
    ConsoleVisitor admin = signedIn(PLATFORM_TOKEN);
    Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("clientId", "analytics", "name", "Analytics",
        "type", "confidential", "redirectUris", "http://analytics.example.com/callback", "allowedOrgs", "",
        "refreshTokens", "on"));

    HttpResponse<String> refused = admin.submit("/console/clients", "/console/clients", fields);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"redirectUris-error\" role=\"alert\"")
        .contains("http://analytics.example.com/callback</textarea>").contains("value=\"Analytics\"");

    fields.put("redirectUris", "https://analytics.example.com/callback\nhttp://127.0.0.1:9999/callback");
    HttpResponse<String> created = admin.submit("/console/clients", "/console/clients", fields);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    java.util.regex.Matcher shown = java.util.regex.Pattern.compile("id=\"client-secret\">([^<]+)<")
        .matcher(created.body());
    assertThat(shown.find()).isTrue();
    String secret = shown.group(1);
    assertThat(clientAuthenticates("analytics", secret)).isTrue();
    JsonObject stored = new JsonObject(platform.call("GET", "/admin/v1/clients/analytics", null).body());
    assertThat(stored.getJsonArray("redirectUris")).containsExactly("https://analytics.example.com/callback",
        "http://127.0.0.1:9999/callback");
    assertThat(admin.get("/console/clients/analytics").body()).doesNotContain(secret);

    createOrg("clientorg", "Client Org");
    HttpResponse<String> updated = admin.submit("/console/clients/analytics", "/console/clients/analytics",
        Map.of("name", "Analytics EU", "type", "confidential", "redirectUris", "https://analytics.example.com/callback",
            "allowedOrgs", "clientorg", "accessTokenLifetime", "PT5M"));
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    stored = new JsonObject(platform.call("GET", "/admin/v1/clients/analytics", null).body());
    assertThat(stored.getString("name")).isEqualTo("Analytics EU");
    assertThat(stored.getJsonArray("allowedOrgs")).containsExactly("clientorg");
    assertThat(stored.getString("accessTokenLifetime")).isEqualTo("PT5M");
    assertThat(stored.getBoolean("refreshTokens")).isFalse();

    HttpResponse<String> rotated = admin.submit("/console/clients/analytics", "/console/clients/analytics/secret",
        Map.of());
    java.util.regex.Matcher newSecret = java.util.regex.Pattern.compile("id=\"client-secret\">([^<]+)<")
        .matcher(rotated.body());
    assertThat(newSecret.find()).isTrue();
    assertThat(newSecret.group(1)).isNotEqualTo(secret);
    assertThat(clientAuthenticates("analytics", secret)).isFalse();
    assertThat(clientAuthenticates("analytics", newSecret.group(1))).isTrue();

    ConsoleVisitor orgAdmin = signedIn(orgAdminToken("clientorg"));
    assertThat(orgAdmin.get("/console/clients").statusCode()).isEqualTo(403);
    HttpResponse<String> deleted = admin.submit("/console/clients/analytics", "/console/clients/analytics/delete",
        Map.of());
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(platform.call("GET", "/admin/v1/clients/analytics", null).statusCode()).isEqualTo(404);
    List<String> types = environment.audit().await(event -> event.getString("type").startsWith("admin.client."), 4,
        Duration.ofSeconds(20)).stream().map(event -> event.getString("type")).toList();
    assertThat(types).containsExactly("admin.client.created", "admin.client.updated", "admin.client.secret_rotated",
        "admin.client.deleted");
  }

  @Test
  void anOrgsBrandingIsSetInTheConsoleWithItsAccentCheckedForContrast() throws Exception {
    createOrg("brandco", "Brand Co");
    ConsoleVisitor admin = signedIn(PLATFORM_TOKEN);

    HttpResponse<String> refused = admin.submit("/console/orgs/brandco", "/console/orgs/brandco/branding",
        Map.of("displayName", "Brand", "logoUrl", "https://cdn.brandco.example/logo.svg", "accentColor", "#ffcc00"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"accentColor-error\" role=\"alert\">#ffcc00 has a contrast of 1.51:1")
        .contains("value=\"#ffcc00\"").contains("value=\"https://cdn.brandco.example/logo.svg\"");
    HttpResponse<String> api = platform.call("PUT", "/admin/v1/orgs/brandco",
        "{\"name\": \"Brand Co\", \"branding\": {\"accentColor\": \"#eeeeee\"}}");
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(api.body()).getString("field")).isEqualTo("branding.accentColor");

    HttpResponse<String> saved = admin.submit("/console/orgs/brandco", "/console/orgs/brandco/branding",
        Map.of("displayName", "Brand", "logoUrl", "https://cdn.brandco.example/logo.svg", "accentColor", "#1D4ED8"));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    JsonObject org = new JsonObject(platform.call("GET", "/admin/v1/orgs/brandco", null).body());
    assertThat(org.getJsonObject("branding")).isEqualTo(new JsonObject().put("displayName", "Brand")
        .put("logoUrl", "https://cdn.brandco.example/logo.svg").put("accentColor", "#1d4ed8"));
    assertThat(org.getString("name")).isEqualTo("Brand Co");
    assertThat(admin.get("/console/orgs/brandco?branded").body()).contains("Branding saved")
        .contains("value=\"#1d4ed8\"");
    environment.audit().await(event -> "admin.org.updated".equals(event.getString("type"))
        && "brandco".equals(event.getString("org")), 1, Duration.ofSeconds(20));
  }

  /** Whether the provider's introspection endpoint takes these client credentials. */
  private static boolean clientAuthenticates(String clientId, String secret) throws Exception {
    String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(environment.broker().baseUrl + "/oauth2/introspect"))
        .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=not-a-token")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 401);
    return answer.statusCode() == 200;
  }

  /** The import's page once the import ended: it answers 202 while the directory is still checking lines. */
  private static HttpResponse<String> endedImport(ConsoleVisitor admin, String jobPage) throws Exception {
    Instant giveUp = Instant.now().plusSeconds(30);
    HttpResponse<String> page = admin.get(jobPage);
    while (page.statusCode() == 202 && Instant.now().isBefore(giveUp)) {
      Thread.onSpinWait();
      page = admin.get(jobPage);
    }
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return page;
  }

  @Test
  void aRefusedFormKeepsWhatWasTypedAndTiesTheErrorToItsField() throws Exception {
    ConsoleVisitor admin = signedIn(PLATFORM_TOKEN);

    HttpResponse<String> refused = admin.submit("/console/orgs", "/console/orgs",
        Map.of("slug", "Not A Slug", "name", "Typed name"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("value=\"Not A Slug\"").contains("value=\"Typed name\"")
        .contains("aria-describedby=\"slug-hint slug-error\" aria-invalid=\"true\"")
        .contains("id=\"slug-error\" role=\"alert\">Must be");
  }

  @Test
  void namesFromOutsideAreShownEscaped() throws Exception {
    createOrg("hostile", HOSTILE_NAME);
    HttpResponse<String> connector = platform.call("POST", "/admin/v1/orgs/hostile/connectors", """
        {"kind": "oidc", "displayName": %s, "domains": ["hostile.example.com"],
         "parameters": {"discoveryEndpoint": "https://idp.hostile.example.com/.well-known/openid-configuration",
                        "clientId": "c", "clientSecret": "s"}}
        """.formatted(io.vertx.core.json.Json.encode(HOSTILE_NAME)));
    assertThat(connector.statusCode()).as(connector.body()).isEqualTo(201);
    ConsoleVisitor admin = signedIn(PLATFORM_TOKEN);

    for (String page : List.of("/console/orgs", "/console/orgs/hostile")) {
      String body = admin.get(page).body();
      assertThat(body).as(page).doesNotContain("<script>alert").doesNotContain("<img src=x")
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  }

  @Test
  void aFormWithoutItsTokenOrFromAnotherOriginChangesNothing() throws Exception {
    ConsoleVisitor admin = signedIn(PLATFORM_TOKEN);
    String csrf = ConsoleVisitor.csrf(admin.get("/console/orgs").body());

    assertThat(admin.post("/console/orgs", Map.of("slug", "forged1")).statusCode()).isEqualTo(403);
    assertThat(admin.post("/console/orgs", Map.of("slug", "forged2", "csrf", "not-the-token")).statusCode())
        .isEqualTo(403);
    assertThat(admin.post("/console/orgs", Map.of("slug", "forged3", "csrf", csrf),
        "Origin", "https://attacker.example").statusCode()).isEqualTo(403);
    assertThat(admin.post("/console/orgs", Map.of("slug", "forged4", "csrf", csrf),
        "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    for (String slug : List.of("forged1", "forged2", "forged3", "forged4")) {
      assertThat(platform.call("GET", "/admin/v1/orgs/" + slug, null).statusCode()).as(slug).isEqualTo(404);
    }
    ConsoleVisitor stranger = new ConsoleVisitor(adminPort);
    assertThat(stranger.post("/console/orgs", Map.of("slug", "forged5", "csrf", csrf)).statusCode()).isEqualTo(401);
    assertThat(stranger.post("/console/sign-in", Map.of("token", PLATFORM_TOKEN, "csrf", csrf)).statusCode())
        .as("a sign-in form without its own cookie").isEqualTo(403);
  }

  @Test
  void theConsoleIsNeverFramedAndItsCookieStaysWithIt() throws Exception {
    ConsoleVisitor visitor = new ConsoleVisitor(adminPort);
    HttpResponse<String> page = visitor.get("/console/sign-in");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
        assertThat(policy).contains("frame-ancestors 'none'").contains("form-action 'self'"));
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");

    HttpResponse<String> signedIn = visitor.post("/console/sign-in",
        Map.of("csrf", ConsoleVisitor.csrf(page.body()), "token", PLATFORM_TOKEN));
    String sessionCookie = signedIn.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("console_session=")).findFirst().orElseThrow();
    assertThat(sessionCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/console");
  }

  @Test
  void anUnknownTokenIsRefusedOnTheFormWithAnAlert() throws Exception {
    HttpResponse<String> refused = new ConsoleVisitor(adminPort).signIn("not-a-token-of-this-broker-at-all");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("role=\"alert\"").contains("unknown or revoked")
        .doesNotContain("not-a-token-of-this-broker-at-all");
  }

  @Test
  void aSessionEndsAfterItsIdleTimeAndWhenItsTokenIsRevoked() throws Exception {
    ConsoleVisitor idle = signedIn(PLATFORM_TOKEN);
    assertThat(idle.get("/console/orgs").statusCode()).isEqualTo(200);
    clock.advance(ConsoleSessions.IDLE.plusSeconds(1));
    assertThat(idle.get("/console/orgs").headers().firstValue("Location")).contains("/console/sign-in");

    createOrg("revoked", "Revoked");
    String token = orgAdminToken("revoked");
    ConsoleVisitor orgAdmin = signedIn(token);
    assertThat(orgAdmin.get("/console/orgs/revoked").statusCode()).isEqualTo(200);
    String tokenId = new JsonObject(platform.call("GET", "/admin/v1/tokens", null).body()).getJsonArray("tokens")
        .stream().map(JsonObject.class::cast).filter(listed -> "revoked".equals(listed.getString("org")))
        .findFirst().orElseThrow().getString("id");
    assertThat(platform.call("DELETE", "/admin/v1/tokens/" + tokenId, null).statusCode()).isEqualTo(204);

    assertThat(orgAdmin.get("/console/orgs/revoked").headers().firstValue("Location")).contains("/console/sign-in");
  }

  @Test
  void anOrgAdminSeesAndChangesTheirOwnOrgOnly() throws Exception {
    createOrg("mine", "Mine");
    createOrg("theirs", "Theirs");
    ConsoleVisitor orgAdmin = signedIn(orgAdminToken("mine"));

    assertThat(orgAdmin.get("/console").headers().firstValue("Location")).contains("/console/orgs/mine");
    assertThat(orgAdmin.get("/console/orgs/mine").statusCode()).isEqualTo(200);
    HttpResponse<String> theirs = orgAdmin.get("/console/orgs/theirs");
    assertThat(theirs.statusCode()).isEqualTo(404);
    assertThat(theirs.body()).doesNotContain("Theirs");
    String orgs = orgAdmin.get("/console/orgs").body();
    assertThat(orgs).contains("/console/orgs/mine").doesNotContain("/console/orgs/theirs").doesNotContain("Create an org");
    String csrf = ConsoleVisitor.csrf(orgs);
    assertThat(orgAdmin.post("/console/orgs", Map.of("csrf", csrf, "slug", "grabbed")).statusCode()).isEqualTo(403);
    assertThat(platform.call("GET", "/admin/v1/orgs/grabbed", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aTokenWithFewScopesSeesThemAndIsRefusedWhatTheyDoNotCover() throws Exception {
    createOrg("scoped", "Scoped");
    HttpResponse<String> created = platform.call("POST", "/admin/v1/tokens", new JsonObject().put("org", "scoped")
        .put("name", "auditor").put("scopes", new io.vertx.core.json.JsonArray().add("audit:read").add("orgs:read"))
        .encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    ConsoleVisitor auditor = signedIn(new JsonObject(created.body()).getString("token"));

    assertThat(auditor.get("/console/orgs").body()).contains("Scopes: orgs:read, audit:read");
    HttpResponse<String> users = auditor.get("/console/orgs/scoped/users");
    assertThat(users.statusCode()).isEqualTo(403);
    assertThat(users.body()).contains("Not possible").contains("lacks the scope users:read");
    assertThat(signedIn(orgAdminToken("scoped")).get("/console/orgs").body()).doesNotContain("Scopes:");
  }

  @Test
  void theLandingPagesLinkTheTestApplicationAndTheConsole() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    HttpResponse<String> publicLanding = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(environment.broker().baseUrl + "/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(publicLanding.statusCode()).isEqualTo(200);
    assertThat(publicLanding.body()).contains("<h1>SSO broker</h1>").contains("href=\"/test-app\"")
        .contains("href=\"http://127.0.0.1:" + adminPort + "/console\"").doesNotContain("Demo mode");

    HttpResponse<String> adminLanding = new ConsoleVisitor(adminPort).get("/");
    assertThat(adminLanding.statusCode()).isEqualTo(200);
    assertThat(adminLanding.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(adminLanding.body()).contains("href=\"/console\"").contains("href=\"/admin/openapi.json\"")
        .doesNotContain("Demo mode");
  }
}
