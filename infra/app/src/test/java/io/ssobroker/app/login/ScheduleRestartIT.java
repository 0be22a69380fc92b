package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dated activation is kept in the database: a broker stopped before the date activates it after its restart. */
class ScheduleRestartIT {

  private static final String TOKEN = "platform-token-for-schedule-tests-0123456789";

  @TempDir
  Path work;

  @Test
  void aScheduleSurvivesARestart() throws Exception {
    String connector;
    Instant activateAt;
    try (LoginTestEnvironment first = new LoginTestEnvironment()) {
      first.startBroker(work, "{}", "", Map.of(), "--admin-token", TOKEN);
      AdminClient admin = new AdminClient(first.broker().adminPort, TOKEN);
      admin.call("POST", "/admin/v1/orgs", "{\"slug\": \"later\", \"name\": \"Later\"}");
      connector = new JsonObject(admin.call("POST", "/admin/v1/orgs/later/connectors", """
          {"kind": "oidc", "domains": ["later.example.com"],
           "parameters": {"discoveryEndpoint": "https://idp.later.example.com/.well-known/openid-configuration",
                          "clientId": "c", "clientSecret": "s"}}
          """).body()).getString("id");
      activateAt = Instant.now().plusSeconds(10);
      JsonObject scheduled = new JsonObject(admin.call("POST", "/admin/v1/orgs/later/connectors/" + connector
          + "/activate", "{\"at\": \"" + activateAt + "\"}").body());
      assertThat(scheduled.getString("state")).isEqualTo("scheduled");
    }
    assertThat(Instant.now()).as("the broker stopped before the date").isBefore(activateAt);

    try (LoginTestEnvironment restarted = new LoginTestEnvironment()) {
      restarted.startBroker(work, "{}", "", Map.of(), "--admin-token", TOKEN);
      AdminClient admin = new AdminClient(restarted.broker().adminPort, TOKEN);
      String state = "";
      Instant giveUp = activateAt.plusSeconds(15);
      while (!state.equals("active") && Instant.now().isBefore(giveUp)) {
        state = new JsonObject(admin.call("GET", "/admin/v1/orgs/later/connectors/" + connector, null).body())
            .getString("state");
        Thread.sleep(250);
      }
      assertThat(state).isEqualTo("active");
      assertThat(Instant.now()).as("not before its date").isAfterOrEqualTo(activateAt);
      String id = connector;
      assertThat(restarted.audit().await(event -> "connector.activated".equals(event.getString("type"))
          && id.equals(event.getString("connectorId")), 1, Duration.ofSeconds(20))).hasSize(1);
    }
  }
}
