package io.ssobroker.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.AdminClient;
import io.ssobroker.app.login.LoginTestEnvironment;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setup links against the all-in-one broker: created, listed and revoked over the API and the console with their
 * audit events; opened once, into a console session that sets up its org's connectors and domains and reaches nothing
 * else; refused once used, expired or revoked.
 */
class SetupLinksIT {

  private static final String PLATFORM_TOKEN = "setup-links-platform-token-0123456789abcdef";
  private static final Pattern SHOWN_LINK = Pattern.compile("id=\"created-link\">([^<]+)<");
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

  private static void createOrg(String slug) throws Exception {
    HttpResponse<String> created = platform.call("POST", "/admin/v1/orgs", new JsonObject().put("slug", slug).put("name", slug).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private static JsonObject createLink(String org, String expiresIn) throws Exception {
    HttpResponse<String> created = platform.call("POST", "/admin/v1/orgs/" + org + "/setup-links",
        new JsonObject().put("name", "IT of " + org).put("expiresIn", expiresIn).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return new JsonObject(created.body());
  }

  private static List<JsonObject> links(String org) throws Exception {
    HttpResponse<String> listed = platform.call("GET", "/admin/v1/orgs/" + org + "/setup-links", null);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    return new JsonObject(listed.body()).getJsonArray("setupLinks").stream().map(JsonObject.class::cast).toList();
  }

  private static String state(String org, String id) throws Exception {
    return links(org).stream().filter(link -> link.getString("id").equals(id)).findFirst().orElseThrow()
        .getString("state");
  }

  /** Opens the link as the IT admin's browser does: its page, then its button. */
  private static HttpResponse<String> open(ConsoleVisitor visitor, String path) throws Exception {
    HttpResponse<String> page = visitor.get(path);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("Start setup");
    String token = path.substring(path.lastIndexOf('/') + 1);
    return visitor.post("/console/setup", Map.of("csrf", ConsoleVisitor.csrf(page.body()), "token", token));
  }

  @Test
  void aLinkIsCreatedListedAndRevokedOverTheApiWithItsAuditEventsAndItsSecretShownOnce() throws Exception {
    createOrg("globex");
    JsonObject link = createLink("globex", "P1D");

    String token = link.getString("token");
    assertThat(token).startsWith("ssosetup_").hasSizeGreaterThan(40);
    assertThat(link.getString("path")).isEqualTo("/console/setup/" + token);
    assertThat(link.getString("state")).isEqualTo("unused");
    assertThat(link.getString("name")).isEqualTo("IT of globex");
    assertThat(Duration.between(clock.instant(), Instant.parse(link.getString("expiresAt"))))
        .isBetween(Duration.ofHours(23), Duration.ofHours(25));
    List<JsonObject> listed = links("globex");
    assertThat(listed).extracting(found -> found.getString("id")).contains(link.getString("id"));
    assertThat(new JsonArray(listed).encode()).doesNotContain(token).doesNotContain("\"token\"");

    HttpResponse<String> tooLong = platform.call("POST", "/admin/v1/orgs/globex/setup-links",
        "{\"expiresIn\": \"P90D\"}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(tooLong.body()).getString("field")).isEqualTo("expiresIn");
    HttpResponse<String> unknownField = platform.call("POST", "/admin/v1/orgs/globex/setup-links",
        "{\"scopes\": [\"users:write\"]}");
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(unknownField.body()).getString("field")).isEqualTo("scopes");
    HttpResponse<String> noOrg = platform.call("POST", "/admin/v1/orgs/nosuchorg/setup-links", "{}");
    assertThat(noOrg.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(noOrg.body()).getString("field")).isEqualTo("org");

    createOrg("hooli-api");
    HttpResponse<String> otherAdmin = platform.call("POST", "/admin/v1/tokens",
        new JsonObject().put("org", "hooli-api").put("name", "admin of hooli-api").encode());
    AdminClient hooliAdmin = new AdminClient(adminPort, new JsonObject(otherAdmin.body()).getString("token"));
    for (HttpResponse<String> elsewhere : List.of(
        hooliAdmin.call("POST", "/admin/v1/orgs/globex/setup-links", "{}"),
        hooliAdmin.call("GET", "/admin/v1/orgs/globex/setup-links", null))) {
      assertThat(elsewhere.statusCode()).isEqualTo(404);
      assertThat(new JsonObject(elsewhere.body()).getString("field")).isEqualTo("org");
    }
    HttpResponse<String> theirLink = hooliAdmin.call("DELETE", "/admin/v1/orgs/globex/setup-links/"
        + link.getString("id"), null);
    assertThat(theirLink.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(theirLink.body()).getString("field")).isEqualTo("id");

    HttpResponse<String> revoked = platform.call("DELETE", "/admin/v1/orgs/globex/setup-links/"
        + link.getString("id"), null);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
    assertThat(state("globex", link.getString("id"))).isEqualTo("revoked");
    assertThat(platform.call("DELETE", "/admin/v1/orgs/globex/setup-links/" + link.getString("id"), null)
        .statusCode()).isEqualTo(404);

    List<JsonObject> events = environment.audit().await(event -> "globex".equals(event.getString("org"))
        && event.getString("type").startsWith("admin.setup_link."), 2, Duration.ofSeconds(20));
    assertThat(events).extracting(event -> event.getString("type"))
        .containsExactly("admin.setup_link.created", "admin.setup_link.revoked");
    assertThat(new JsonArray(events).encode()).doesNotContain(token);
    assertThat(events.get(0).getJsonObject("details").getJsonObject("actor").getString("type")).isEqualTo("platform-admin");
  }

  @Test
  void anOpenedLinkSetsUpItsOrgsConnectorsAndDomainsAndReachesNothingElse() throws Exception {
    createOrg("umbrella");
    createOrg("umbrella-rival");
    JsonObject link = createLink("umbrella", "P3D");
    ConsoleVisitor itAdmin = new ConsoleVisitor(adminPort);

    HttpResponse<String> page = itAdmin.get(link.getString("path"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
        assertThat(policy).contains("frame-ancestors 'none'"));
    assertThat(state("umbrella", link.getString("id"))).as("opening the page uses nothing up").isEqualTo("unused");
    HttpResponse<String> opened = open(itAdmin, link.getString("path"));

    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(303);
    assertThat(opened.headers().firstValue("Location")).hasValue("/console/orgs/umbrella");
    assertThat(state("umbrella", link.getString("id"))).isEqualTo("in-use");
    HttpResponse<String> overview = itAdmin.get("/console/orgs/umbrella");
    assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
    assertThat(overview.body()).contains("Signed in with a setup link for umbrella").contains("Add a connector")
        .doesNotContain("Manage users").doesNotContain("Login failures").doesNotContain("/console/audit")
        .doesNotContain("/setup-links");

    HttpResponse<String> claimed = itAdmin.submit("/console/orgs/umbrella", "/console/orgs/umbrella/domains",
        Map.of("domain", "umbrella.example"));
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(303);
    assertThat(platform.call("GET", "/admin/v1/orgs/umbrella/domains/umbrella.example", null).statusCode())
        .isEqualTo(200);
    assertThat(itAdmin.get("/console/orgs/umbrella/connectors/new/oidc").statusCode()).isEqualTo(200);

    assertThat(itAdmin.get("/console/orgs/umbrella-rival").statusCode()).isEqualTo(404);
    for (String forbidden : List.of("/console/orgs", "/console/orgs/umbrella/users", "/console/audit",
        "/console/expiring", "/console/orgs/umbrella/setup-links")) {
      HttpResponse<String> refused = itAdmin.get(forbidden);
      assertThat(refused.statusCode()).as(forbidden).isEqualTo(403);
      assertThat(refused.body()).as(forbidden).contains("a setup link may only set up its org");
    }
    HttpResponse<String> addUser = itAdmin.submit("/console/orgs/umbrella", "/console/orgs/umbrella/users",
        Map.of("email", "mallory@umbrella.example"));
    assertThat(addUser.statusCode()).isEqualTo(403);
    assertThat(platform.call("GET", "/admin/v1/orgs/umbrella/users", null).body())
        .doesNotContain("mallory@umbrella.example");

    ConsoleVisitor someoneElse = new ConsoleVisitor(adminPort);
    HttpResponse<String> again = open(someoneElse, link.getString("path"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("This setup link was used already");
    assertThat(someoneElse.get("/console/orgs/umbrella").statusCode()).as("no session").isEqualTo(303);

    List<JsonObject> events = environment.audit().await(event -> "umbrella".equals(event.getString("org"))
        && List.of("admin.setup_link.opened", "admin.domain.claimed").contains(event.getString("type")), 2,
        Duration.ofSeconds(20));
    assertThat(events).extracting(event -> event.getString("type"))
        .containsExactly("admin.setup_link.opened", "admin.domain.claimed");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getJsonObject("details").getJsonObject("actor").getString("type")).isEqualTo("setup-link");
      assertThat(event.getJsonObject("details").getJsonObject("actor").getString("tokenId")).isEqualTo(link.getString("id"));
    });

    HttpResponse<String> revoked = platform.call("DELETE", "/admin/v1/orgs/umbrella/setup-links/"
        + link.getString("id"), null);
    assertThat(revoked.statusCode()).isEqualTo(204);
    HttpResponse<String> afterRevocation = itAdmin.get("/console/orgs/umbrella");
    assertThat(afterRevocation.statusCode()).isEqualTo(303);
    assertThat(afterRevocation.headers().firstValue("Location")).hasValue("/console/sign-in");
  }

  @Test
  void anExpiredLinkNeitherOpensNorKeepsTheSessionItOpened() throws Exception {
    createOrg("initrode");
    JsonObject opened = createLink("initrode", "PT10M");
    JsonObject unopened = createLink("initrode", "PT10M");
    ConsoleVisitor itAdmin = new ConsoleVisitor(adminPort);
    assertThat(open(itAdmin, opened.getString("path")).statusCode()).isEqualTo(303);
    assertThat(itAdmin.get("/console/orgs/initrode").statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(11));

    HttpResponse<String> afterExpiry = itAdmin.get("/console/orgs/initrode");
    assertThat(afterExpiry.statusCode()).isEqualTo(303);
    assertThat(afterExpiry.headers().firstValue("Location")).hasValue("/console/sign-in");
    HttpResponse<String> late = open(new ConsoleVisitor(adminPort), unopened.getString("path"));
    assertThat(late.statusCode()).isEqualTo(404);
    assertThat(late.body()).contains("This setup link has expired");
    assertThat(state("initrode", opened.getString("id"))).isEqualTo("expired");
    assertThat(state("initrode", unopened.getString("id"))).isEqualTo("expired");
    HttpResponse<String> unknown = open(new ConsoleVisitor(adminPort), "/console/setup/ssosetup_notalink");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("This setup link is unknown");
  }

  @Test
  void anAdminCreatesALinkInTheConsoleSeesItOnceAndRevokesIt() throws Exception {
    createOrg("vandelay");
    ConsoleVisitor admin = new ConsoleVisitor(adminPort);
    assertThat(admin.signIn(PLATFORM_TOKEN).statusCode()).isEqualTo(303);
    assertThat(admin.get("/console/orgs/vandelay").body()).contains("/console/orgs/vandelay/setup-links");

    HttpResponse<String> created = admin.submit("/console/orgs/vandelay/setup-links",
        "/console/orgs/vandelay/setup-links", Map.of("name", "Art at Vandelay", "expiresIn", "P7D"));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher shown = SHOWN_LINK.matcher(created.body());
    assertThat(shown.find()).as(created.body()).isTrue();
    String url = shown.group(1);
    assertThat(url).startsWith("http://127.0.0.1:" + adminPort + "/console/setup/ssosetup_");
    String token = url.substring(url.lastIndexOf('/') + 1);
    HttpResponse<String> list = admin.get("/console/orgs/vandelay/setup-links");
    assertThat(list.body()).contains("Art at Vandelay").contains("unused").doesNotContain(token);
    JsonObject link = links("vandelay").get(0);
    assertThat(Duration.between(clock.instant(), Instant.parse(link.getString("expiresAt"))))
        .isBetween(Duration.ofDays(7).minusHours(1), Duration.ofDays(7).plusHours(1));

    HttpResponse<String> refused = admin.submit("/console/orgs/vandelay/setup-links",
        "/console/orgs/vandelay/setup-links", Map.of("name", "x".repeat(201), "expiresIn", "P7D"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"name-error\" role=\"alert\"");

    HttpResponse<String> revoked = admin.submit("/console/orgs/vandelay/setup-links",
        "/console/orgs/vandelay/setup-links/" + link.getString("id") + "/revoke", Map.of());
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(303);
    assertThat(state("vandelay", link.getString("id"))).isEqualTo("revoked");
    assertThat(open(new ConsoleVisitor(adminPort), "/console/setup/" + token).body())
        .contains("This setup link was revoked");
  }
}
