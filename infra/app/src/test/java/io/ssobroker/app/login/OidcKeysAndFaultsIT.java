package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.CODE_EXCHANGE_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.IDENTITY_EXTRACTION_FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.OidcLoginHarness.PendingLogin;
import io.ssobroker.edge.testidp.SigningKey;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing keys and IdP faults (HOSTILE.md "OAuth and OIDC" keys, and "Faults"): each case has an IdP of its own, so
 * that the key cache and circuit breaker of one case never decide another.
 */
class OidcKeysAndFaultsIT {

  private static final String[] CASES = {"rotating", "unparseable", "jwksdown", "ec", "iss", "slow", "flaky"};

  @TempDir
  static Path work;

  /** How long an IdP's circuit stays open after repeated failures (the edge's IdpHttp). */
  private static final Duration CIRCUIT_PAUSE = Duration.ofSeconds(10);
  private static final MovableClock clock = new MovableClock(Instant.now());
  private static final LoginTestEnvironment environment = new LoginTestEnvironment().withClock(clock);
  private static final Map<String, TestIdp> idps = new java.util.LinkedHashMap<>();
  private static OidcLoginHarness logins;

  @BeforeAll
  static void start() throws Exception {
    StringBuilder connectors = new StringBuilder("{");
    StringBuilder users = new StringBuilder();
    for (String name : CASES) {
      TestIdp idp = environment.idp("/" + name).client(name + "-app", name + "-secret")
          .user(name + "-sub", Map.of("email", "user@" + name + ".com"));
      idps.put(name, idp);
      connectors.append(connectors.length() > 1 ? "," : "").append("""
          "%1$s": [{"kind": "oidc", "domains": ["%1$s.com"],
                    "parameters": {"discoveryEndpoint": "%2$s", "clientId": "%1$s-app", "clientSecret": "%1$s-secret"}}]
          """.formatted(name, idp.discoveryUrl()));
      users.append("{\"email\": \"user@%1$s.com\", \"name\": \"User\", \"org\": \"%1$s\"}\n".formatted(name));
    }
    idps.get("ec").rotateKey(SigningKey.ec("ec-1"));
    idps.get("unparseable").addUnparseableJwk(true);
    idps.get("iss").issParameterSupported(true);
    logins = environment.startBroker(work, connectors.append("}").toString(), users.toString(), Map.of()).logins();
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  @Test
  void keyRotationCostsOneJwksFetchEvenForAHundredConcurrentLogins() throws Exception {
    TestIdp idp = idps.get("rotating");
    logins.logInSuccessfully("user@rotating.com");
    int fetchesBefore = idp.jwksFetchCount();
    List<PendingLogin> pending = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      pending.add(logins.begin("user@rotating.com"));
    }
    idp.rotateKey("key-2");

    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<CompletableFuture<Integer>> answers = pending.stream()
          .map(login -> CompletableFuture.supplyAsync(() -> status(login), pool)).toList();
      for (CompletableFuture<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(302);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(idp.jwksFetchCount() - fetchesBefore).isEqualTo(1);
  }

  @Test
  void anUnparseableKeyBesideTheRealOneDoesNotHideIt() throws Exception {
    logins.logInSuccessfully("user@unparseable.com");
  }

  @Test
  void cachedKeysKeepWorkingWhenTheJwksEndpointIsDownAndAnUnknownKeyFailsClosed() throws Exception {
    TestIdp idp = idps.get("jwksdown");
    logins.logInSuccessfully("user@jwksdown.com");
    idp.jwksAvailable(false);
    logins.logInSuccessfully("user@jwksdown.com");

    idp.rotateKey("key-unreachable");
    logins.rejectedCallback(logins.begin("user@jwksdown.com"), IDENTITY_EXTRACTION_FAILED, "unknown_key");
  }

  @Test
  void es256TokensVerifyAndABadEs256SignatureIsRejected() throws Exception {
    TestIdp idp = idps.get("ec");
    logins.logInSuccessfully("user@ec.com");
    idp.signWith(SigningKey.ec("ec-1"));
    logins.rejectedCallback(logins.begin("user@ec.com"), IDENTITY_EXTRACTION_FAILED, "bad_signature");
    idp.signWith(null);
  }

  @Test
  void anIdpThatPromisesTheIssParameterMustSendIt() throws Exception {
    TestIdp idp = idps.get("iss");
    logins.logInSuccessfully("user@iss.com");
    idp.sendIssParameter("");
    logins.rejectedCallback(logins.begin("user@iss.com"), IDENTITY_EXTRACTION_FAILED, "callback_issuer_missing");
    assertThat(idp.tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void aTokenEndpointThatAnswersAfterThirtySecondsTimesOutOnceWithinFiveSeconds() throws Exception {
    TestIdp idp = idps.get("slow");
    PendingLogin login = logins.begin("user@slow.com");
    idp.tokenDelay(Duration.ofSeconds(30));
    Instant began = Instant.now();

    logins.rejectedCallback(login, CODE_EXCHANGE_FAILED, "timeout");

    assertThat(Duration.between(began, Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(idp.tokenRequestCount()).as("the code is not retried").isEqualTo(1);
    idp.tokenDelay(Duration.ZERO);
  }

  @Test
  void anIdpRefusingConnectionsOpensItsCircuitWithoutHarmingOthersAndRecovers() throws Exception {
    TestIdp flaky = idps.get("flaky");
    logins.logInSuccessfully("user@flaky.com");
    List<PendingLogin> pending = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      pending.add(logins.begin("user@flaky.com"));
    }
    flaky.refuseConnections(true);
    try {
      List<String> reasons = new ArrayList<>();
      for (PendingLogin login : pending) {
        HttpResponse<String> answer = logins.finish(login);
        assertThat(answer.statusCode()).isEqualTo(CODE_EXCHANGE_FAILED.httpStatus());
        reasons.add(new JsonObject(answer.body()).getString("reason"));
      }
      assertThat(reasons.subList(0, 5)).containsOnly("unreachable");
      assertThat(reasons.subList(5, 7)).containsOnly("circuit_open");

      logins.logInSuccessfully("user@unparseable.com");
    } finally {
      flaky.refuseConnections(false);
    }
    assertThat(status(logins.begin("user@flaky.com"))).as("paused while the circuit is open")
        .isEqualTo(CODE_EXCHANGE_FAILED.httpStatus());
    clock.advance(CIRCUIT_PAUSE);
    logins.logInSuccessfully("user@flaky.com");
  }

  private static int status(PendingLogin login) {
    try {
      return logins.finish(login).statusCode();
    } catch (Exception failure) {
      return -1;
    }
  }
}
