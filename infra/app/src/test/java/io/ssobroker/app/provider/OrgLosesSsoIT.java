package io.ssobroker.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.ssobroker.app.login.AdminClient;
import io.ssobroker.app.login.AuditTopicReader;
import io.ssobroker.app.login.LoginBroker;
import io.ssobroker.app.login.LoginTestEnvironment;
import io.ssobroker.app.login.TestBrowser;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An org that loses its last connector loses its users' sessions, and the products hear of it: an org set up through
 * the admin API (domain verified by a DNS TXT record that Debian's dnsmasq answers, connector activated), a product
 * sign-in, then the connector deleted. The session ends with a {@code session.ended} event (trigger {@code
 * org_sso_removed}), the product's back-channel endpoint gets its logout token, and the refresh token stops working.
 */
class OrgLosesSsoIT {

  @TempDir
  static Path work;

  private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");
  private static final String TOKEN = "org-sso-admin-token-0123456789abcdefgh";
  private static final URI REDIRECT = URI.create("http://127.0.0.1:7201/cb");
  private static final int dnsPort = FreePorts.next();
  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static TestIdp idp;
  private static LoginBroker broker;
  private static AdminClient admin;
  private static AuditTopicReader audit;
  private static BackChannelReceiver backChannel;
  private static Process dns;

  @BeforeAll
  static void start() throws Exception {
    assertThat(DNSMASQ).as("Debian's dnsmasq (apt-get install dnsmasq-base)").isExecutable();
    backChannel = new BackChannelReceiver(FreePorts.next()).start();
    idp = environment.idp("/gamma").client("gamma-app", "gamma-secret");
    environment.startBroker(work, "{}", "{\"email\": \"ann@gamma.example\", \"name\": \"Ann\", \"org\": \"gamma\"}\n",
        Map.of(), "--admin-token", TOKEN, "--dns-resolver", "127.0.0.1:" + dnsPort);
    broker = environment.broker();
    audit = environment.audit();
    admin = new AdminClient(broker.adminPort, TOKEN);
    ok(admin.call("POST", "/admin/v1/orgs", "{\"slug\": \"gamma\", \"name\": \"Gamma\"}"), 201);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (dns != null) {
      dns.destroy();
      dns.waitFor(10, TimeUnit.SECONDS);
    }
    backChannel.close();
    environment.close();
  }

  @Test
  void deletingTheOrgsLastConnectorEndsItsSessionsAndTellsTheProducts() throws Exception {
    String record = new JsonObject(ok(admin.call("POST", "/admin/v1/orgs/gamma/domains",
        "{\"domain\": \"gamma.example\"}"), 200).body()).getJsonObject("verificationRecord").getString("value");
    publishTxt("gamma.example", record);
    ok(admin.call("POST", "/admin/v1/orgs/gamma/domains/gamma.example/verify", null), 200);
    String connector = new JsonObject(ok(admin.call("POST", "/admin/v1/orgs/gamma/connectors", """
        {"kind": "oidc", "domains": ["gamma.example"],
         "parameters": {"discoveryEndpoint": "%s", "clientId": "gamma-app", "clientSecret": "gamma-secret"}}
        """.formatted(idp.discoveryUrl())), 201).body()).getString("id");
    ok(admin.call("POST", "/admin/v1/orgs/gamma/connectors/" + connector + "/activate", null), 200);
    String secret = new JsonObject(ok(admin.call("POST", "/admin/v1/clients", new JsonObject()
        .put("clientId", "gamma-app-product").put("name", "Product").put("type", "confidential")
        .put("redirectUris", new JsonArray().add(REDIRECT.toString()))
        .put("backchannelLogoutUri", backChannel.uri().toString()).encode()), 201).body()).getString("clientSecret");
    ProductRp product = new ProductRp(broker.baseUrl, "gamma-app-product", Optional.of(secret), REDIRECT);

    idp.user("ann-sub", Map.of("email", "ann@gamma.example", "name", "Ann"));
    TestBrowser browser = new TestBrowser();
    ProductRp.Request request = product.request(builder -> builder.loginHint("ann@gamma.example"));
    HttpResponse<String> start = browser.get(request.uri().toString());
    assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
    HttpResponse<String> callback = browser.get(TestBrowser.location(browser.get(TestBrowser.location(start))));
    assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
    HTTPResponse redeemed = product.redeem(product.code(request, TestBrowser.location(callback)), request.verifier());
    assertThat(redeemed.getStatusCode()).as(redeemed.getBody()).isEqualTo(200);
    OIDCTokens tokens = OIDCTokenResponse.parse(redeemed).getOIDCTokens();
    IDTokenClaimsSet claims = product.validate(tokens.getIDTokenString(), request.nonce());
    String sid = claims.getSessionID().getValue();

    assertThat(admin.call("DELETE", "/admin/v1/orgs/gamma/connectors/" + connector, null).statusCode()).isEqualTo(204);

    JsonObject ended = audit.await(event -> "session.ended".equals(event.getString("type"))
        && sid.equals(event.getJsonObject("details", new JsonObject()).getString("sid")), 1, Duration.ofSeconds(20))
        .get(0);
    assertThat(ended.getJsonObject("details").getString("trigger")).isEqualTo("org_sso_removed");
    assertThat(ended.getJsonObject("details").getJsonArray("clientsTold")).containsExactly("gamma-app-product");
    assertThat(ended.getString("org")).isEqualTo("gamma");
    var logout = BackChannelReceiver.verified(backChannel.awaitFor(sid, Duration.ofSeconds(20)), broker.baseUrl,
        "gamma-app-product");
    assertThat(logout.getSubject()).isEqualTo(claims.getSubject().getValue());
    assertThat(browser.get(broker.baseUrl + "/session").statusCode()).isEqualTo(401);
    HTTPResponse refresh = product.refresh(tokens.getRefreshToken().getValue());
    assertThat(refresh.getStatusCode()).isEqualTo(400);
    assertThat(refresh.getContentAsJSONObject().get("error")).isEqualTo("invalid_grant");
  }

  /** dnsmasq answering this TXT record, and nothing else, on the broker's resolver port; waits until it serves. */
  private static void publishTxt(String domain, String value) throws Exception {
    Path log = work.resolve("dnsmasq.log");
    dns = new ProcessBuilder(DNSMASQ.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
        "--port=" + dnsPort, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
        "--log-facility=-", "--pid-file=" + work.resolve("dnsmasq.pid"), "--txt-record=" + domain + "," + value)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Instant deadline = Instant.now().plusSeconds(10);
    while (!Files.exists(log) || !Files.readString(log).contains("started")) {
      assertThat(dns.isAlive()).as("dnsmasq runs: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
      assertThat(Instant.now()).as("dnsmasq started within 10 s").isBefore(deadline);
      Thread.sleep(20);
    }
  }

  private static HttpResponse<String> ok(HttpResponse<String> answer, int status) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    return answer;
  }
}
