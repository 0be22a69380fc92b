package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.TestCertificates;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expiry radar: expiring client secrets and SAML IdP certificates listed on demand and announced once per
 * threshold, even across restarts.
 */
class ExpiryRadarIT {

  private static final String TOKEN = "platform-token-for-expiry-tests-0123456789";

  @TempDir
  Path work;

  private String connectors() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    StringBuilder file = new StringBuilder("{");
    Map<String, Integer> daysLeft = Map.of("soon", 5, "later", 20, "far", 60);
    for (Map.Entry<String, Integer> org : daysLeft.entrySet()) {
      file.append(file.length() > 1 ? "," : "").append("""
          "%1$s": [{"kind": "oidc", "domains": ["%1$s.example.com"],
                    "parameters": {"discoveryEndpoint": "https://idp.%1$s.example.com/.well-known/openid-configuration",
                                   "clientId": "c", "clientSecret": "s", "clientSecretExpiresAt": "%2$s"}}]
          """.formatted(org.getKey(), today.plusDays(org.getValue())));
    }
    file.append(",").append("""
        "cert": [{"kind": "saml", "domains": ["cert.example.com"],
                  "parameters": {"ssoUrl": "https://idp.cert.example.com/sso", "idpEntityId": "https://idp.cert.example.com",
                                 "x509Certificate": "%s"}}]
        """.formatted(TestCertificates.base64(CERTIFICATE_FOR_TEN_DAYS)));
    return file.append("}").toString();
  }

  private static final String CERTIFICATE_FOR_TEN_DAYS = TestCertificates.selfSigned("idp.cert.example.com", 10);

  private static List<JsonObject> expiringEvents(LoginTestEnvironment environment, int atLeast, Duration wait) {
    return environment.audit().await(event -> "connector.secret_expiring".equals(event.getString("type")), atLeast,
        wait);
  }

  @Test
  void expiringSecretsAreListedAndAnnouncedOncePerThreshold() throws Exception {
    try (LoginTestEnvironment first = new LoginTestEnvironment()) {
      first.startBroker(work, connectors(), "", Map.of(), "--admin-token", TOKEN);
      AdminClient admin = new AdminClient(first.broker().adminPort, TOKEN);

      JsonObject within30 = new JsonObject(admin.call("GET", "/admin/v1/connectors/expiring?within=P30D", null).body());
      assertThat(within30.getJsonArray("connectors").stream().map(c -> ((JsonObject) c).getString("org")))
          .containsExactly("soon", "cert", "later");
      assertThat(within30.getJsonArray("connectors").getJsonObject(0).getInteger("daysLeft")).isEqualTo(5);
      JsonObject certificate = within30.getJsonArray("connectors").getJsonObject(1);
      assertThat(certificate.getString("credential")).isEqualTo("samlCertificate");
      assertThat(certificate.getInteger("daysLeft")).isBetween(9, 10);
      JsonObject within7 = new JsonObject(admin.call("GET", "/admin/v1/connectors/expiring?within=P7D", null).body());
      assertThat(within7.getJsonArray("connectors").size()).isEqualTo(1);
      HttpResponse<String> bad = admin.call("GET", "/admin/v1/connectors/expiring?within=soon", null);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("within");
      String laterAdmin = new JsonObject(admin.call("POST", "/admin/v1/tokens", "{\"org\": \"later\", \"name\": \"l\"}")
          .body()).getString("token");
      JsonObject ownOnly = new JsonObject(new AdminClient(first.broker().adminPort, laterAdmin)
          .call("GET", "/admin/v1/connectors/expiring?within=P90D", null).body());
      assertThat(ownOnly.getJsonArray("connectors").stream().map(c -> ((JsonObject) c).getString("org")))
          .containsExactly("later");

      List<JsonObject> announced = expiringEvents(first, 3, Duration.ofSeconds(20));
      assertThat(announced).hasSize(3);
      assertThat(announced.stream().map(e -> e.getString("org") + ":" + e.getJsonObject("details").getInteger("threshold")))
          .containsExactlyInAnyOrder("soon:7", "cert:14", "later:30");
    }

    try (LoginTestEnvironment restarted = new LoginTestEnvironment()) {
      restarted.startBroker(work, connectors(), "", Map.of(), "--admin-token", TOKEN);
      assertThat(expiringEvents(restarted, 4, Duration.ofSeconds(5))).as("no threshold is announced twice").hasSize(3);
    }
  }
}
