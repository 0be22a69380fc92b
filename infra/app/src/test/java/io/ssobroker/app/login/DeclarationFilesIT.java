package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.platform.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The declaration files across restarts, as a fleet's registry processes start one after another: a file equal to the
 * database writes nothing and records nothing, a changed file is one {@code admin.<kind>_file.applied} event naming
 * what it added, changed and removed, a file that lacks what a file declared before refuses to start unless removals
 * are allowed, and a process without the file leaves what the fleet serves as it is.
 */
class DeclarationFilesIT {

  private static final String TOKEN = "platform-token-for-declaration-file-tests-0123456789";
  private static final String CLIENTS_APPLIED = "admin.clients_file.applied";
  private static final String CONNECTORS_APPLIED = "admin.connectors_file.applied";
  private static final Map<String, String> SECRETS = Map.of("ANALYTICS_SECRET", "analytics-secret-0123456789abcdef");
  private static final String ANALYTICS = """
      "analytics": {"name": "Analytics", "type": "confidential", "clientSecret": "${env:ANALYTICS_SECRET}",
                    "redirectUris": ["https://analytics.example.com/callback"]}""";
  private static final String ACME = """
      "acme": [{"id": "0d9f3a52-6c1e-4c8e-9a57-3b1f2f7c1a11", "kind": "oidc", "domains": ["acme.com"],
                "parameters": {"discoveryEndpoint": "https://idp.acme.example.com/.well-known/openid-configuration",
                               "clientId": "acme-client", "clientSecret": "acme-secret"}}]""";
  private static final String GLOBEX = """
      "globex": [{"id": "6b0e3c1d-2f4a-4d8b-8e19-7c5a9d3e2b22", "kind": "oidc", "domains": ["globex.com"],
                  "parameters": {"discoveryEndpoint": "https://idp.globex.example.com/.well-known/openid-configuration",
                                 "clientId": "globex-client", "clientSecret": "globex-secret"}}]""";

  @TempDir
  Path work;

  @Test
  void theClientsFileChangesTheFleetOnlyWhenItDiffersAndNeverRemovesSilently() throws Exception {
    Path clients = work.resolve("clients.json");
    Files.writeString(clients, "{" + ANALYTICS + ", " + billing("https://billing.example.com/callback") + "}");
    try (LoginTestEnvironment first = start(List.of("--clients-file", clients.toString()))) {
      JsonObject applied = only(first.audit(), CLIENTS_APPLIED, 1);
      assertThat(applied.getJsonObject("details").getJsonArray("added").getList())
          .containsExactlyInAnyOrder(Map.of("clientId", "analytics"), Map.of("clientId", "billing"));
      assertThat(applied.encode()).doesNotContain(SECRETS.get("ANALYTICS_SECRET"));
    }

    try (LoginTestEnvironment same = start(List.of("--clients-file", clients.toString()))) {
      markerThenCount(same, CLIENTS_APPLIED, 1);
    }

    Files.writeString(clients, "{" + ANALYTICS + ", " + billing("https://billing.example.com/signed-in") + "}");
    try (LoginTestEnvironment changed = start(List.of("--clients-file", clients.toString()))) {
      JsonObject details = changed.audit().await(type(CLIENTS_APPLIED), 2, Duration.ofSeconds(20)).get(1)
          .getJsonObject("details");
      assertThat(details.getJsonArray("changed").getList()).containsExactly(Map.of("clientId", "billing"));
      assertThat(details.getJsonArray("added")).isEmpty();
      assertThat(details.getJsonArray("removed")).isEmpty();
    }

    Files.writeString(clients, "{" + ANALYTICS + "}");
    assertThatThrownBy(() -> start(List.of("--clients-file", clients.toString())).close())
        .isInstanceOf(ConfigException.class).hasMessageContaining("billing")
        .hasMessageContaining("fileSync.allowRemovals");

    try (LoginTestEnvironment withoutFile = start(List.of())) {
      AdminClient admin = new AdminClient(withoutFile.broker().adminPort, TOKEN);
      assertThat(admin.call("GET", "/admin/v1/clients/billing", null).statusCode())
          .as("neither the stale file nor a process without one removed it").isEqualTo(200);
      markerThenCount(withoutFile, CLIENTS_APPLIED, 2);
    }

    try (LoginTestEnvironment removing = start(List.of("--clients-file", clients.toString(),
        "--file-sync-allow-removals", "true"))) {
      JsonObject details = removing.audit().await(type(CLIENTS_APPLIED), 3, Duration.ofSeconds(20)).get(2)
          .getJsonObject("details");
      assertThat(details.getJsonArray("removed").getList()).containsExactly(Map.of("clientId", "billing"));
      AdminClient admin = new AdminClient(removing.broker().adminPort, TOKEN);
      assertThat(admin.call("GET", "/admin/v1/clients/billing", null).statusCode()).isEqualTo(404);
      assertThat(admin.call("GET", "/admin/v1/clients/analytics", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aStaleConnectorsFileRefusesToStartAndRemovalsAreOnPurposeAndRecorded() throws Exception {
    try (LoginTestEnvironment first = start("{" + ACME + ", " + GLOBEX + "}", List.of())) {
      assertThat(only(first.audit(), CONNECTORS_APPLIED, 1).getJsonObject("details").getJsonArray("added")
          .getList()).hasSize(2);
    }

    assertThatThrownBy(() -> start("{" + ACME + "}", List.of()).close())
        .isInstanceOf(ConfigException.class).hasMessageContaining("6b0e3c1d-2f4a-4d8b-8e19-7c5a9d3e2b22")
        .hasMessageContaining("fileSync.allowRemovals");

    try (LoginTestEnvironment removing = start("{" + ACME + "}", List.of("--file-sync-allow-removals", "true"))) {
      JsonObject details = removing.audit().await(type(CONNECTORS_APPLIED), 2, Duration.ofSeconds(20)).get(1)
          .getJsonObject("details");
      assertThat(details.getJsonArray("removed").getList())
          .containsExactly(Map.of("id", "6b0e3c1d-2f4a-4d8b-8e19-7c5a9d3e2b22", "org", "globex"));
      assertThat(details.getJsonArray("added")).isEmpty();
      assertThat(removing.broker().count("select count(*) from registry.connectors where source = 'file'"))
          .isEqualTo(1);
    }
  }

  private LoginTestEnvironment start(List<String> flags) throws Exception {
    return start("{}", flags);
  }

  private LoginTestEnvironment start(String connectors, List<String> flags) throws Exception {
    LoginTestEnvironment environment = new LoginTestEnvironment();
    try {
      String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("--admin-token", TOKEN),
          flags.stream()).toArray(String[]::new);
      return environment.startBroker(work, connectors, "", SECRETS, all);
    } catch (Exception failed) {
      environment.close();
      throw failed;
    }
  }

  private static String billing(String redirectUri) {
    return "\"billing\": {\"name\": \"Billing\", \"type\": \"public\", \"redirectUris\": [\"" + redirectUri + "\"]}";
  }

  private static java.util.function.Predicate<JsonObject> type(String type) {
    return event -> type.equals(event.getString("type"));
  }

  private static JsonObject only(AuditTopicReader audit, String type, int expected) {
    List<JsonObject> events = audit.await(type(type), expected, Duration.ofSeconds(20));
    assertThat(events).hasSize(expected);
    return events.get(expected - 1);
  }

  /** An admin change made after the start, awaited: every event of the start is on the topic before it. */
  private static void markerThenCount(LoginTestEnvironment environment, String type, int expected) throws Exception {
    String slug = "marker" + System.nanoTime();
    new AdminClient(environment.broker().adminPort, TOKEN).call("POST", "/admin/v1/orgs",
        "{\"slug\": \"" + slug + "\", \"name\": \"Marker\"}");
    assertThat(environment.audit().await(event -> "admin.org.created".equals(event.getString("type"))
        && event.encode().contains(slug), 1, Duration.ofSeconds(20))).hasSize(1);
    assertThat(environment.audit().await(type(type), expected + 1, Duration.ofSeconds(2)))
        .as("a file equal to the database records nothing").hasSize(expected);
  }
}
