package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector check of the admin API, against IdPs that work and IdPs that are wrong in each way it reports. */
class ConnectorCheckIT {

  private static final String TOKEN = "platform-token-for-check-tests-0123456789";

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static AdminClient admin;

  @BeforeAll
  static void start() throws Exception {
    TestIdp good = environment.idp("/good").client("c", "s");
    TestIdp wrongIssuer = environment.idp("/wrong").client("c", "s").discoveryIssuer("https://elsewhere.example.com");
    TestIdp noKeys = environment.idp("/nokeys").client("c", "s").jwksAvailable(false);
    String connectors = """
        {"good": [%s], "wrong": [%s], "nokeys": [%s], "gone": [%s], "expired": [%s]}
        """.formatted(
        entry("good", good.discoveryUrl(), "2099-01-01"),
        entry("wrong", wrongIssuer.discoveryUrl(), null),
        entry("nokeys", noKeys.discoveryUrl(), null),
        entry("gone", "http://127.0.0.1:" + FreePorts.next() + "/.well-known/openid-configuration", null),
        entry("expired", good.discoveryUrl(), "2020-01-01"));
    environment.startBroker(work, connectors, "", Map.of(), "--admin-token", TOKEN);
    admin = new AdminClient(environment.broker().adminPort, TOKEN);
  }

  private static String entry(String org, String discovery, String expires) {
    return """
        {"kind": "oidc", "domains": ["%s.example.com"], "parameters": {"discoveryEndpoint": "%s", "clientId": "c",
         "clientSecret": "s"%s}}
        """.formatted(org, discovery, expires == null ? "" : ", \"clientSecretExpiresAt\": \"" + expires + "\"");
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  private static JsonObject check(String org) throws Exception {
    String id = new JsonObject(admin.call("GET", "/admin/v1/orgs/" + org + "/connectors", null).body())
        .getJsonArray("connectors").getJsonObject(0).getString("id");
    HttpResponse<String> report = admin.call("POST", "/admin/v1/orgs/" + org + "/connectors/" + id + "/check", null);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    return new JsonObject(report.body());
  }

  private static JsonObject named(JsonObject report, String name) {
    return report.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> check.getString("name").equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.encodePrettily()));
  }

  @Test
  void aWorkingConnectorPassesAndTellsTheRedirectUriToRegister() throws Exception {
    JsonObject report = check("good");

    assertThat(report.getString("status")).as(report.encodePrettily()).isEqualTo("pass");
    assertThat(report.getString("redirectUri")).isEqualTo(environment.broker().baseUrl + "/login/callback");
    assertThat(named(report, "issuer").getString("status")).isEqualTo("pass");
    assertThat(named(report, "jwks").getString("message")).startsWith("1 signing keys");
    assertThat(named(report, "clientSecret").getString("status")).isEqualTo("pass");
  }

  @Test
  void eachWayOfBeingWrongIsReportedWithAMessage() throws Exception {
    JsonObject wrong = check("wrong");
    assertThat(wrong.getString("status")).isEqualTo("fail");
    assertThat(named(wrong, "issuer").getString("message")).contains("https://elsewhere.example.com");

    assertThat(named(check("nokeys"), "jwks").getString("status")).isEqualTo("fail");
    JsonObject gone = check("gone");
    assertThat(named(gone, "discovery").getString("status")).isEqualTo("fail");
    assertThat(named(gone, "discovery").getString("message")).contains("cannot fetch the discovery document");
    assertThat(named(check("expired"), "clientSecret").getString("message")).contains("expired on 2020-01-01");
  }

  @Test
  void anOrgAdminCannotCheckAnotherOrgsConnector() throws Exception {
    String id = new JsonObject(admin.call("GET", "/admin/v1/orgs/good/connectors", null).body())
        .getJsonArray("connectors").getJsonObject(0).getString("id");
    String other = new JsonObject(admin.call("POST", "/admin/v1/tokens", "{\"org\": \"wrong\", \"name\": \"w\"}").body())
        .getString("token");

    AdminClient otherAdmin = new AdminClient(environment.broker().adminPort, other);
    assertThat(otherAdmin.call("POST", "/admin/v1/orgs/good/connectors/" + id + "/check", null).statusCode())
        .isEqualTo(404);
    assertThat(otherAdmin.call("POST", "/admin/v1/orgs/wrong/connectors/" + id + "/check", null).statusCode())
        .isEqualTo(404);
  }
}
