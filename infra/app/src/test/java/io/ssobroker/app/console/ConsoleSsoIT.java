package io.ssobroker.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.AdminClient;
import io.ssobroker.app.login.LoginTestEnvironment;
import io.ssobroker.app.login.TestBrowser;
import io.ssobroker.edge.testidp.TestIdp;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users of the directory with the admin role sign in to the console through the broker's own OpenID Provider, with
 * their org's IdP, and manage their own org only; a member is refused; disabling or demoting ends the console session.
 */
class ConsoleSsoIT {

  private static final String TOKEN = "console-sso-platform-token-0123456789abcdef";
  private static final LoginTestEnvironment environment = new LoginTestEnvironment();

  @TempDir
  static Path work;
  private static TestIdp idp;
  private static AdminClient platform;
  private static String console;

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
        {"email": "alice@acme.com", "name": "Alice", "org": "acme"}
        {"email": "bob@acme.com", "name": "Bob", "org": "acme"}
        """, Map.of(), "--admin-token", TOKEN);
    platform = new AdminClient(environment.broker().adminPort, TOKEN);
    console = "http://127.0.0.1:" + environment.broker().adminPort;
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static JsonObject user(String email) throws Exception {
    JsonObject users = new JsonObject(platform.call("GET", "/admin/v1/orgs/acme/users?search=" + email, null).body());
    return users.getJsonArray("users").getJsonObject(0);
  }

  private static void setRole(String email, String role, String status) throws Exception {
    JsonObject user = user(email);
    HttpResponse<String> updated = platform.call("PUT", "/admin/v1/orgs/acme/users/" + user.getString("id"),
        new JsonObject().put("email", email).put("name", user.getString("name")).put("status", status)
            .put("role", role).encode());
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
  }

  /** Signs in at the console through the broker as the IdP's user of this email; the console's last answer. */
  private static HttpResponse<String> signInWithSso(TestBrowser browser, String email) throws Exception {
    idp.user(email + "-sub", Map.of("email", email, "name", email));
    return browser.follow(browser.get(console + "/console/sso?email=" + email), null);
  }

  @Test
  void anOrgAdminOfTheDirectorySignsInWithTheirIdpAndManagesTheirOrgOnly() throws Exception {
    setRole("alice@acme.com", "admin", "active");
    TestBrowser browser = new TestBrowser();

    HttpResponse<String> signedIn = signInWithSso(browser, "alice@acme.com");

    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    assertThat(signedIn.uri().toString()).startsWith(console + "/console/sso/callback");
    assertThat(signedIn.body()).contains("http-equiv=\"refresh\" content=\"0;url=/console\"");
    assertThat(TestBrowser.location(browser.get(console + "/console"))).isEqualTo("/console/orgs/acme");
    HttpResponse<String> org = browser.get(console + "/console/orgs/acme");
    assertThat(org.statusCode()).as(org.body()).isEqualTo(200);
    assertThat(org.body()).contains("Signed in as alice@acme.com (admin of acme)");
    assertThat(browser.get(console + "/console/orgs/beta").statusCode()).isEqualTo(404);
    assertThat(browser.get(console + "/console/clients").statusCode()).isEqualTo(403);

    String csrf = ConsoleVisitor.csrf(browser.get(console + "/console/orgs/acme/users").body());
    HttpResponse<String> added = browser.post(console + "/console/orgs/acme/users",
        Map.of("csrf", csrf, "email", "carol@acme.com", "name", "Carol"), "Origin", console);
    assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
    JsonObject event = environment.audit().await(candidate -> "admin.user.created".equals(candidate.getString("type"))
        && candidate.encode().contains("carol@acme.com"), 1, Duration.ofSeconds(20)).get(0);
    JsonObject actor = event.getJsonObject("details").getJsonObject("actor");
    assertThat(actor.getString("type")).isEqualTo("directory-admin");
    assertThat(actor.getString("name")).isEqualTo("alice@acme.com");
    assertThat(actor.getString("tokenId")).isEqualTo(user("alice@acme.com").getString("id"));

    ConsoleVisitor platformAdmin = new ConsoleVisitor(environment.broker().adminPort);
    assertThat(platformAdmin.signIn(TOKEN).statusCode()).isEqualTo(303);
    String alice = user("alice@acme.com").getString("id");
    HttpResponse<String> removed = platformAdmin.submit("/console/orgs/acme/users",
        "/console/orgs/acme/users/" + alice + "/role", Map.of("role", "member"));
    assertThat(removed.body()).contains("alice@acme.com is a member, not an admin");
    assertThat(user("alice@acme.com").getString("role")).isEqualTo("member");
    assertThat(user("alice@acme.com").getString("status")).isEqualTo("active");
    HttpResponse<String> demoted = browser.get(console + "/console/orgs/acme");
    assertThat(demoted.statusCode()).isEqualTo(303);
    assertThat(TestBrowser.location(demoted)).isEqualTo("/console/sign-in");
  }

  @Test
  void aMemberOrADisabledAdminIsRefusedAndAStolenCallbackSignsNobodyIn() throws Exception {
    HttpResponse<String> member = signInWithSso(new TestBrowser(), "bob@acme.com");
    assertThat(member.statusCode()).isEqualTo(403);
    assertThat(member.body()).contains("not an admin of your organization");

    setRole("bob@acme.com", "admin", "disabled");
    HttpResponse<String> disabled = signInWithSso(new TestBrowser(), "bob@acme.com");
    assertThat(disabled.statusCode()).isNotEqualTo(200);
    assertThat(disabled.body()).doesNotContain("Signed in");

    setRole("bob@acme.com", "admin", "active");
    TestBrowser victim = new TestBrowser();
    idp.user("bob-sub", Map.of("email", "bob@acme.com", "name", "Bob"));
    HttpResponse<String> atCallback = victim.follow(victim.get(console + "/console/sso?email=bob@acme.com"),
        console + "/console/sso/callback");
    String callback = atCallback.uri().resolve(TestBrowser.location(atCallback)).toString();
    HttpResponse<String> attacker = new TestBrowser().get(callback);
    assertThat(attacker.statusCode()).isEqualTo(403);
    assertThat(attacker.body()).contains("started in another browser");
    assertThat(victim.get(callback).statusCode()).as("the state is used up").isEqualTo(403);
  }

  @Test
  void anOrgsBrandIsOnItsSignInErrorAndTestPages() throws Exception {
    HttpResponse<String> branded = platform.call("PUT", "/admin/v1/orgs/beta", new JsonObject().put("name", "Beta")
        .put("branding", new JsonObject().put("displayName", "Beta & Co").put("logoUrl",
            "https://cdn.beta.example/logo.svg").put("accentColor", "#1d4ed8")).encode());
    assertThat(branded.statusCode()).as(branded.body()).isEqualTo(200);
    String broker = environment.broker().baseUrl;
    TestBrowser browser = new TestBrowser();

    HttpResponse<String> orgPage = browser.get(broker + "/o/beta/login");
    assertThat(orgPage.statusCode()).isEqualTo(200);
    assertThat(orgPage.body()).contains("<span class=\"brand-name\">Beta &amp; Co</span>")
        .contains("<img src=\"https://cdn.beta.example/logo.svg\"")
        .contains("href=\"/assets/accent/1d4ed8.css\"");
    assertThat(orgPage.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("img-src https:");
    HttpResponse<String> accent = browser.get(broker + "/assets/accent/1d4ed8.css");
    assertThat(accent.body()).isEqualTo(":root { --accent: #1d4ed8; }\n");
    assertThat(browser.get(broker + "/assets/accent/zzzzzz.css").statusCode()).isEqualTo(404);

    idp.user("nobody-sub", Map.of("email", "nobody@beta.com", "name", "Nobody"));
    HttpResponse<String> error = browser.follow(browser.post(broker + "/login", Map.of("email", "nobody@beta.com")),
        null);
    assertThat(error.uri().getPath()).isEqualTo("/login/error");
    assertThat(error.statusCode()).isEqualTo(403);
    assertThat(error.body()).contains("USER_NOT_ALLOWED").contains("<span class=\"brand-name\">Beta &amp; Co</span>")
        .contains("href=\"/assets/accent/1d4ed8.css\"");
    assertThat(platform.call("POST", "/admin/v1/orgs/beta/users", "{\"email\": \"ann@beta.com\"}").statusCode())
        .isEqualTo(201);
    idp.user("ann-sub", Map.of("email", "ann@beta.com", "name", "Ann"));
    TestBrowser ann = new TestBrowser();
    HttpResponse<String> testApp = ann.follow(ann.get(broker + "/test-app/login?email=ann@beta.com"), null);
    assertThat(testApp.body()).as(testApp.uri().toString()).contains("id=\"connected\"")
        .contains("<span class=\"brand-name\">Beta &amp; Co</span>")
        .contains("href=\"/assets/accent/1d4ed8.css\"");
    HttpResponse<String> unbranded = new TestBrowser().get(broker + "/o/acme/login");
    assertThat(unbranded.body()).doesNotContain("class=\"brand\"").doesNotContain("/assets/accent/");
  }
}
