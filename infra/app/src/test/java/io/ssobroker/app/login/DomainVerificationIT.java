package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.testing.FreePorts;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Domains through the admin API, verified against a real DNS server on loopback (Debian's dnsmasq): a claimed domain
 * routes no login until its TXT record is published and verified. The broker's clock stands still, so every change of
 * the registry is seen by the running edge through its change notice, never by waiting out a cache.
 */
class DomainVerificationIT {

  private static final String TOKEN = "platform-token-for-domain-tests-0123456789";
  private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");

  @TempDir
  static Path work;

  /**
   * Stands still: the edge's caches never expire by themselves here, so a change is seen at once only because the
   * registry's change notice reached the running edge.
   */
  private static final MovableClock frozen = new MovableClock(Instant.now());
  private static final LoginTestEnvironment environment = new LoginTestEnvironment().withClock(frozen);
  private static final int dnsPort = FreePorts.next();
  private static AdminClient admin;
  private static TestIdp idp;
  private Process dns;

  @BeforeAll
  static void start() throws Exception {
    assertThat(DNSMASQ).as("Debian's dnsmasq (apt-get install dnsmasq-base)").isExecutable();
    idp = environment.idp("/domains").client("dom-app", "dom-secret")
        .user("u", Map.of("email", "user@verified.example"));
    environment.startBroker(work, "{}", "{\"email\": \"user@verified.example\", \"name\": \"U\", \"org\": \"dom\"}\n",
        Map.of(), "--admin-token", TOKEN, "--dns-resolver", "127.0.0.1:" + dnsPort);
    admin = new AdminClient(environment.broker().adminPort, TOKEN);
    admin.call("POST", "/admin/v1/orgs", "{\"slug\": \"dom\", \"name\": \"Dom\"}");
    admin.call("POST", "/admin/v1/orgs", "{\"slug\": \"rival\", \"name\": \"Rival\"}");
  }

  @AfterEach
  void stopDns() throws InterruptedException {
    if (dns != null) {
      dns.destroy();
      dns.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  /** dnsmasq answering this TXT record, and nothing else, on the broker's resolver port. */
  private void publishTxt(String domain, String value) throws Exception {
    dns = new ProcessBuilder(DNSMASQ.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
        "--port=" + dnsPort, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
        "--pid-file=" + work.resolve("dnsmasq-" + dnsPort + ".pid"), "--txt-record=" + domain + "," + value)
        .redirectErrorStream(true).redirectOutput(work.resolve("dnsmasq.log").toFile()).start();
    Thread.sleep(300);
    assertThat(dns.isAlive()).as("dnsmasq runs").isTrue();
  }

  @Test
  void aClaimedDomainRoutesLoginsOnlyOnceItsTxtRecordIsVerified() throws Exception {
    HttpResponse<String> claimed = admin.call("POST", "/admin/v1/orgs/dom/domains", "{\"domain\": \"Verified.Example\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    JsonObject domain = new JsonObject(claimed.body());
    assertThat(domain.getBoolean("verified")).isFalse();
    String record = domain.getJsonObject("verificationRecord").getString("value");
    assertThat(record).startsWith("sso-verification=");
    String connector = new JsonObject(admin.call("POST", "/admin/v1/orgs/dom/connectors", """
        {"kind": "oidc", "domains": ["verified.example"],
         "parameters": {"discoveryEndpoint": "%s", "clientId": "dom-app", "clientSecret": "dom-secret"}}
        """.formatted(idp.discoveryUrl())).body()).getString("id");
    admin.call("POST", "/admin/v1/orgs/dom/connectors/" + connector + "/activate", null);
    TestBrowser browser = new TestBrowser();
    assertThat(browser.get(environment.broker().baseUrl + "/login?email=user@verified.example", "Accept",
        "application/json").body()).as("an unverified domain routes nothing").isEqualTo("{\"sso\":false}");

    HttpResponse<String> noDns = admin.call("POST", "/admin/v1/orgs/dom/domains/verified.example/verify", null);
    assertThat(noDns.statusCode()).as(noDns.body()).isEqualTo(409);
    publishTxt("verified.example", "sso-verification=not-the-token");
    HttpResponse<String> wrong = admin.call("POST", "/admin/v1/orgs/dom/domains/verified.example/verify", null);
    assertThat(wrong.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(wrong.body()).getString("detail")).contains("do not contain " + record);
    stopDns();

    publishTxt("verified.example", record);
    HttpResponse<String> verified = admin.call("POST", "/admin/v1/orgs/dom/domains/verified.example/verify", null);
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    assertThat(new JsonObject(verified.body()).getBoolean("verified")).isTrue();
    assertThat(environment.audit().await(event -> "domain.verified".equals(event.getString("type"))
        && "dom".equals(event.getString("org")), 1, Duration.ofSeconds(20))).hasSize(1);
    JsonObject change = environment.audit().await(event -> "admin.domain.verified".equals(event.getString("type"))
        && "dom".equals(event.getString("org")), 1, Duration.ofSeconds(20)).get(0).getJsonObject("details");
    assertThat(change.getJsonObject("before").getBoolean("verified")).isFalse();
    assertThat(change.getJsonObject("after").getBoolean("verified")).isTrue();

    environment.logins().logInSuccessfully("user@verified.example");
  }

  @Test
  void anIdpIsTrustedToNameUsersOnlyInTheDomainsItsOrgVerified() throws Exception {
    TestIdp claimedOnly = environment.idp("/claimed-only").client("claimed-app", "claimed-secret")
        .user("u2", Map.of("email", "user2@claimed-only.example"));
    assertThat(admin.call("POST", "/admin/v1/orgs/dom/domains", "{\"domain\": \"claimed-only.example\"}").statusCode())
        .isEqualTo(200);
    assertThat(admin.call("POST", "/admin/v1/orgs/dom/users", "{\"email\": \"user2@claimed-only.example\"}")
        .statusCode()).isEqualTo(201);
    String connector = new JsonObject(admin.call("POST", "/admin/v1/orgs/dom/connectors", """
        {"kind": "oidc", "domains": ["claimed-only.example"],
         "parameters": {"discoveryEndpoint": "%s", "clientId": "claimed-app", "clientSecret": "claimed-secret"}}
        """.formatted(claimedOnly.discoveryUrl())).body()).getString("id");
    assertThat(admin.call("POST", "/admin/v1/orgs/dom/connectors/" + connector + "/activate", null).statusCode())
        .isEqualTo(200);

    OidcLoginHarness.PendingLogin login = environment.logins().begin(new TestBrowser(),
        "/o/dom/login/" + connector);

    environment.logins().rejectedCallback(login, io.ssobroker.platform.audit.LoginFailureCategory.USER_NOT_ALLOWED,
        "domain_not_allowed");
  }

  @Test
  void aChangedOrDeletedConnectorIsFollowedByTheNextLoginAtOnce() throws Exception {
    TestIdp first = environment.idp("/first").client("first-app", "first-secret");
    TestIdp second = environment.idp("/second").client("second-app", "second-secret");
    HttpResponse<String> claimed = admin.call("POST", "/admin/v1/orgs/dom/domains", "{\"domain\": \"changes.example\"}");
    publishTxt("changes.example", new JsonObject(claimed.body()).getJsonObject("verificationRecord").getString("value"));
    assertThat(admin.call("POST", "/admin/v1/orgs/dom/domains/changes.example/verify", null).statusCode()).isEqualTo(200);
    String body = """
        {"kind": "oidc", "domains": ["changes.example"],
         "parameters": {"discoveryEndpoint": "%s", "clientId": "%s", "clientSecret": "%s"}}
        """;
    String connector = new JsonObject(admin.call("POST", "/admin/v1/orgs/dom/connectors",
        body.formatted(first.discoveryUrl(), "first-app", "first-secret")).body()).getString("id");
    admin.call("POST", "/admin/v1/orgs/dom/connectors/" + connector + "/activate", null);
    String login = environment.broker().baseUrl + "/login?email=someone@changes.example";
    assertThat(TestBrowser.location(new TestBrowser().get(login))).startsWith(first.authorizationEndpoint());

    HttpResponse<String> changed = admin.call("PUT", "/admin/v1/orgs/dom/connectors/" + connector,
        body.formatted(second.discoveryUrl(), "second-app", "second-secret"));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

    assertThat(TestBrowser.location(new TestBrowser().get(login))).startsWith(second.authorizationEndpoint());

    assertThat(admin.call("DELETE", "/admin/v1/orgs/dom/connectors/" + connector, null).statusCode()).isEqualTo(204);

    assertThat(new TestBrowser().get(login, "Accept", "application/json").body()).isEqualTo("{\"sso\":false}");
  }

  @Test
  void aDomainBelongsToOneOrgAtMost() throws Exception {
    assertThat(admin.call("POST", "/admin/v1/orgs/rival/domains", "{\"domain\": \"contested.example\"}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> second = admin.call("POST", "/admin/v1/orgs/dom/domains", "{\"domain\": \"contested.example\"}");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(second.body()).getString("field")).isEqualTo("domain");
    assertThat(admin.call("POST", "/admin/v1/orgs/rival/domains", "{\"domain\": \"contested.example\"}").statusCode())
        .as("claiming again is idempotent").isEqualTo(200);
    assertThat(admin.call("POST", "/admin/v1/orgs/dom/domains", "{\"domain\": \"not a domain\"}").statusCode())
        .isEqualTo(400);

    String rivalAdmin = new JsonObject(admin.call("POST", "/admin/v1/tokens", "{\"org\": \"rival\", \"name\": \"r\"}")
        .body()).getString("token");
    AdminClient rival = new AdminClient(environment.broker().adminPort, rivalAdmin);
    for (List<String> call : List.of(List.of("GET", "/admin/v1/orgs/dom/domains"),
        List.of("GET", "/admin/v1/orgs/dom/domains/verified.example"),
        List.of("DELETE", "/admin/v1/orgs/dom/domains/verified.example"),
        List.of("POST", "/admin/v1/orgs/dom/domains/verified.example/verify"))) {
      assertThat(rival.call(call.get(0), call.get(1), null).statusCode()).as("%s", call).isEqualTo(404);
    }
    assertThat(rival.call("POST", "/admin/v1/orgs/dom/domains", "{\"domain\": \"x.example\"}").statusCode())
        .isEqualTo(404);
    assertThat(rival.call("DELETE", "/admin/v1/orgs/rival/domains/contested.example", null).statusCode())
        .isEqualTo(204);
  }
}
