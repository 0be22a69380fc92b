package io.ssobroker.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.AuditTopicReader;
import io.ssobroker.app.login.TestBrowser;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed shape on loopback, every part real and in a process of its own: PostgreSQL, Kafka, HAProxy in front
 * of two edges, the registry, the directory and the audit log each in their own broker process, on the clustered
 * event bus over mutual TLS, against a real OIDC IdP (mock-oauth2-server).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

  @TempDir
  static Path work;

  static Fleet fleet;
  static MockOAuth2Server idp;
  static Path connectors;

  @BeforeAll
  static void startFleet() throws Exception {
    idp = new MockOAuth2Server(OAuth2Config.Companion.fromJson("""
        {"interactiveLogin": false, "tokenCallbacks": [{"issuerId": "acme", "tokenExpiry": 300,
          "requestMappings": [{"requestParam": "grant_type", "match": "*",
            "claims": {"sub": "alice-subject", "email": "alice@acme.com", "email_verified": true,
                       "name": "Alice", "aud": ["acme-client"]}}]}]}
        """));
    idp.start(InetAddress.getByName("127.0.0.1"), 0);
    connectors = work.resolve("connectors.json");
    Files.writeString(connectors, """
        {"acme": [{"id": "6f0c1c36-1d7e-4d43-9a43-2f1c6a3e9b01", "kind": "oidc", "displayName": "Acme SSO",
                   "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "http://127.0.0.1:%d/acme/.well-known/openid-configuration",
                                  "clientId": "acme-client", "clientSecret": "${env:ACME_SECRET}"}}]}
        """.formatted(idp.baseUrl().port()));
    Path users = work.resolve("users.jsonl");
    Files.writeString(users, "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\"}\n");
    fleet = Fleet.start(work);
    fleet.plan("registry-1", "registry-2", "directory", "audit", "edge-1", "edge-2");
    Map<String, String> registryEnv = Map.of("ACME_SECRET", "acme-secret");
    fleet.node("registry-1", "connector-registry", List.of("--connectors-file", connectors.toString()), registryEnv)
        .start();
    fleet.node("directory", "user-directory", List.of("--users-file", users.toString()), Map.of()).start();
    fleet.node("audit", "audit-log", List.of(), Map.of()).start();
    fleet.node("edge-1", "auth-edge", List.of(), Map.of()).start();
    fleet.node("edge-2", "auth-edge", List.of(), Map.of()).start();
    fleet.node("registry-2", "connector-registry", List.of("--connectors-file", connectors.toString()), registryEnv);
    for (String name : List.of("registry-1", "directory", "audit", "edge-1", "edge-2")) {
      fleet.named(name).awaitReady(Duration.ofSeconds(60));
    }
    fleet.startLoadBalancer();
    fleet.awaitServing(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopFleet() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (idp != null) {
      idp.shutdown();
    }
  }

  @Test
  @Order(1)
  void aLoginStartedOnOneEdgeFinishesOnTheOther() throws Exception {
    TestBrowser browser = TestBrowser.overHttp11();
    HttpResponse<String> start = browser.get(fleet.publicBaseUrl() + "/login?email=alice@acme.com");
    assertThat(start.statusCode()).as("start: %s", start.body()).isEqualTo(302);
    HttpResponse<String> atIdp = browser.get(TestBrowser.location(start));
    assertThat(atIdp.statusCode()).as("IdP: %s", atIdp.body()).isEqualTo(302);
    HttpResponse<String> callback = browser.get(TestBrowser.location(atIdp));
    assertThat(callback.statusCode()).as("callback: %s", callback.body()).isEqualTo(302);

    assertThat(servedBy(callback)).as("the callback is served by the other edge").isNotEqualTo(servedBy(start));
    HttpResponse<String> session = browser.get(fleet.publicBaseUrl() + "/session");
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(session.body()).getString("email")).isEqualTo("alice@acme.com");
  }

  @Test
  @Order(2)
  void killingAnEdgeUnderLoadCostsOnlyTheLoginsInFlightAndEveryAnsweredLoginHasOneOutcomeEvent() throws Exception {
    int concurrency = 6;
    LoginLoad load = LoginLoad.start(fleet.publicBaseUrl(), concurrency);
    load.awaitSucceeded(30, Duration.ofSeconds(60));
    int beforeKill = load.finished();

    fleet.named("edge-2").kill();
    int atKill = load.finished();
    load.awaitSucceeded(load.succeeded() + 40, Duration.ofSeconds(60));
    List<LoginLoad.Attempt> attempts = load.stop();

    List<LoginLoad.Attempt> failed = attempts.stream().filter(attempt -> !attempt.succeeded()).toList();
    assertThat(failed.size()).as("only the logins in flight when edge-2 died fail: %s", failed)
        .isLessThanOrEqualTo(concurrency);
    assertThat(attempts.subList(0, beforeKill)).as("no failure before the kill").allMatch(LoginLoad.Attempt::succeeded);
    assertThat(attempts.subList(Math.min(attempts.size(), atKill + 2 * concurrency), attempts.size()))
        .as("once HAProxy has dropped edge-2, every login succeeds").allMatch(LoginLoad.Attempt::succeeded)
        .isNotEmpty();

    List<LoginLoad.Attempt> answered = attempts.stream().filter(LoginLoad.Attempt::answeredByBroker).toList();
    try (AuditTopicReader audit = new AuditTopicReader(fleet.kafkaBootstrapServers, Fleet.AUDIT_TOPIC)) {
      java.util.Set<String> ids = answered.stream().map(LoginLoad.Attempt::correlationId)
          .collect(java.util.stream.Collectors.toSet());
      List<JsonObject> outcomes = audit.await(event -> OUTCOMES.contains(event.getString("type"))
          && ids.contains(event.getString("correlationId")), answered.size(), Duration.ofSeconds(60));
      Thread.sleep(2_000);
      outcomes = audit.await(event -> OUTCOMES.contains(event.getString("type"))
          && ids.contains(event.getString("correlationId")), Integer.MAX_VALUE, Duration.ofMillis(500));
      for (LoginLoad.Attempt attempt : answered) {
        List<JsonObject> own = outcomes.stream()
            .filter(event -> attempt.correlationId().equals(event.getString("correlationId"))).toList();
        String answeredType = attempt.succeeded() ? "login.succeeded" : "login.failed";
        assertThat(own.stream().filter(event -> answeredType.equals(event.getString("type"))))
            .as("one %s event for %s", answeredType, attempt).hasSize(1);
        if (own.size() > 1) {
          // HAProxy resent this callback to the live edge after edge-2 died having finished it (docs/operations.md):
          // the live edge refused the used state, the dead one's success had been committed
          assertThat(own).as("a callback resent by the balancer: %s", own).hasSize(2)
              .anySatisfy(event -> assertThat(event.getString("reason")).isEqualTo("replayed"))
              .anySatisfy(event -> assertThat(event.getString("type")).isEqualTo("login.succeeded"));
        }
      }
    }
  }

  @Test
  @Order(3)
  void withTheRegistryStoppedEdgesAnswer503AtOnceNameItInReadinessAndRecoverWithoutARestart() throws Exception {
    fleet.named("registry-1").stop();

    java.time.Instant asked = java.time.Instant.now();
    HttpResponse<String> refused = awaitStatus(503, Duration.ofSeconds(10));
    assertThat(Duration.between(asked, java.time.Instant.now())).as("answered, not hung")
        .isLessThan(Duration.ofSeconds(10));
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(refused.body()).containsIgnoringCase("unavailable");
    HttpResponse<String> readiness = fleet.named("edge-1").get("/health/ready");
    assertThat(readiness.statusCode()).isEqualTo(503);
    JsonObject registryCheck = new JsonObject(readiness.body()).getJsonArray("checks").stream()
        .map(JsonObject.class::cast).filter(check -> check.getString("name").equals("connector-registry"))
        .findFirst().orElseThrow();
    assertThat(registryCheck.getString("status")).isEqualTo("DOWN");
    assertThat(new JsonObject(readiness.body()).getJsonArray("missing").getList()).contains("connector-registry");

    fleet.named("registry-1").start().awaitReady(Duration.ofSeconds(60));
    fleet.named("edge-1").awaitReady(Duration.ofSeconds(30));
    fleet.awaitServing(Duration.ofSeconds(30));
    assertThat(LoginLoad.once(fleet.publicBaseUrl()).succeeded()).as("logins resume").isTrue();
  }

  @Test
  @Order(4)
  void withTwoRegistryReplicasOneKilledNoLoginFails() throws Exception {
    fleet.named("registry-2").start().awaitReady(Duration.ofSeconds(60));
    LoginLoad load = LoginLoad.start(fleet.publicBaseUrl(), 4);
    load.awaitSucceeded(20, Duration.ofSeconds(60));

    fleet.named("registry-1").kill();
    load.awaitSucceeded(load.succeeded() + 60, Duration.ofSeconds(90));
    List<LoginLoad.Attempt> attempts = load.stop();

    assertThat(attempts).as("no failed login").allMatch(LoginLoad.Attempt::succeeded);
  }

  @Test
  @Order(5)
  void aRegistryAndAnEdgeStoppedWithSigtermUnderLoadFailNoLogin() throws Exception {
    fleet.named("registry-1").start().awaitReady(Duration.ofSeconds(60));
    FleetNode edge = fleet.named("edge-2").start();
    edge.awaitReady(Duration.ofSeconds(60));
    LoginLoad load = LoginLoad.start(fleet.publicBaseUrl(), 4);
    load.awaitSucceeded(20, Duration.ofSeconds(60));
    Instant giveUp = Instant.now().plusSeconds(30);
    while (!load.servedBy("edge-2") && Instant.now().isBefore(giveUp)) {
      load.awaitSucceeded(load.succeeded() + 1, Duration.ofSeconds(10));
    }
    assertThat(load.servedBy("edge-2")).as("HAProxy sends logins to the restarted edge-2").isTrue();

    fleet.named("registry-2").stop();
    load.awaitSucceeded(load.succeeded() + 30, Duration.ofSeconds(60));
    edge.stop();
    load.awaitSucceeded(load.succeeded() + 40, Duration.ofSeconds(60));
    List<LoginLoad.Attempt> attempts = load.stop();

    assertThat(attempts).as("no failed login: a stopping process drains what it took and leaves the fleet")
        .allMatch(LoginLoad.Attempt::succeeded);
    assertThat(edge.output()).contains("SIGTERM: stopping").contains("SSO broker stopped");
  }

  @Test
  @Order(6)
  void aRegistryStartedWithoutTheConnectorsFileRefusesToStartInsteadOfRemovingTheFleetsConnectors() throws Exception {
    FleetNode forgetful = fleet.node("registry-3", "connector-registry", List.of(), Map.of());

    int exit = forgetful.startExpectingExit();

    assertThat(exit).as("a bad configuration: %s", forgetful.output()).isEqualTo(2);
    assertThat(forgetful.output()).contains("no connectors file").contains("6f0c1c36-1d7e-4d43-9a43-2f1c6a3e9b01")
        .contains("fileSync.allowRemovals");
    assertThat(LoginLoad.once(fleet.publicBaseUrl()).succeeded()).as("the fleet still serves acme").isTrue();
  }

  @Test
  @Order(7)
  void aProcessWithoutTheFleetsCertificateAuthorityCannotJoin() throws Exception {
    FleetCertificates foreign = FleetCertificates.foreign(work.resolve("foreign-tls"));
    Thread.sleep(1_000);
    int edgeLogBefore = fleet.named("edge-1").output().length();
    FleetNode intruder = fleet.node("intruder", "auth-edge", foreign.flags(), Map.of()).start();

    Thread.sleep(8_000);
    HttpResponse<String> readiness = intruder.get("/health/ready");
    assertThat(readiness.statusCode()).as("it reaches none of the fleet's services: %s", readiness.body())
        .isEqualTo(503);
    assertThat(new JsonObject(readiness.body()).getJsonArray("missing").getList())
        .contains("connector-registry", "user-directory");
    assertThat(fleet.named("edge-1").output().substring(edgeLogBefore)).as("the fleet's view never changed")
        .doesNotContain("ISPN000094");
    intruder.stop();
  }

  @Test
  @Order(8)
  void aRegistryWithDifferentSecretsKeysFailsAtStartNotAtTheFirstLogin() throws Exception {
    FleetNode registry = fleet.named("registry-1");
    assertThat(admin(registry, "POST", "/admin/v1/orgs", "{\"slug\": \"keyco\", \"name\": \"Keyco\"}")
        .statusCode()).isEqualTo(201);
    HttpResponse<String> created = admin(registry, "POST", "/admin/v1/orgs/keyco/connectors", """
        {"kind": "oidc", "displayName": "Keyco SSO", "domains": ["keyco.example.com"],
         "parameters": {"discoveryEndpoint": "https://idp.keyco.example.com/.well-known/openid-configuration",
                        "clientId": "keyco-client", "clientSecret": "keyco-secret-value"}}
        """);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    String otherKeys = "other:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    FleetNode mismatched = fleet.node("registry-4", "connector-registry",
        List.of("--connectors-file", connectors.toString(), "--secrets-keys", otherKeys),
        Map.of("ACME_SECRET", "acme-secret"));
    int exit = mismatched.startExpectingExit();

    assertThat(exit).as(mismatched.output()).isEqualTo(2);
    assertThat(mismatched.output()).contains("secrets.keys").contains("sealed with key 'fleet1'")
        .contains("this process does not have").doesNotContain("keyco-secret-value");

    FleetNode edge = fleet.node("edge-4", "auth-edge", List.of("--secrets-keys", otherKeys), Map.of());
    assertThat(edge.startExpectingExit()).as(edge.output()).isEqualTo(2);
    assertThat(edge.output()).contains("secrets.keys").contains("the provider's signing keys")
        .contains("sealed with key 'fleet1'").contains("this process does not have");
  }

  private static HttpResponse<String> admin(FleetNode node, String method, String path, String body)
      throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + node.adminPort + path))
        .header("Authorization", "Bearer " + Fleet.ADMIN_TOKEN).header("Content-Type", "application/json")
        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> awaitStatus(int status, Duration timeout) throws Exception {
    java.time.Instant giveUp = java.time.Instant.now().plus(timeout);
    HttpResponse<String> last = null;
    while (java.time.Instant.now().isBefore(giveUp)) {
      last = TestBrowser.overHttp11().get(fleet.publicBaseUrl() + "/login?email=alice@acme.com");
      if (last.statusCode() == status) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + status + " within " + timeout + "; last " + (last == null ? "none"
        : last.statusCode() + " " + last.body()));
  }

  private static final java.util.Set<String> OUTCOMES = java.util.Set.of("login.succeeded", "login.failed");

  private static String servedBy(HttpResponse<?> response) {
    return response.headers().firstValue("X-Served-By").orElseThrow(() -> new AssertionError("no X-Served-By"));
  }
}
