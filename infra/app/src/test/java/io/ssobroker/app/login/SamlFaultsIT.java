package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.IDENTITY_EXTRACTION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.SESSION_CREATION_FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.TestCertificates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
 * 500 concurrent posts to the SAML ACS (HOSTILE "Faults"): the bounded SAML work queue answers 503 beyond its capacity
 * while the event loop keeps serving. No IdP needs to answer: the posts are well-formed but unsigned.
 */
class SamlFaultsIT {

  private static final int POSTS = 500;

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    JsonObject connectors = new JsonObject()
        .put("flood", new JsonArray().add(new JsonObject().put("kind", "saml").put("domains", new JsonArray()
            .add("flood.example")).put("parameters", new JsonObject()
            .put("ssoUrl", "https://idp.flood.example/sso").put("idpEntityId", "https://idp.flood.example")
            .put("x509Certificate", TestCertificates.selfSigned("idp.flood.example", 365)))));
    environment.startBroker(work, connectors.encode(), "{\"email\": \"u@flood.example\", \"org\": \"flood\"}\n",
        Map.of(), "--login-rate-limit", "0", "--saml-queue-capacity", "2");
    base = environment.broker().baseUrl;
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  @Test
  void fiveHundredConcurrentAcsPostsAreAnsweredAndTheBusyOnesGet503WhileTheEventLoopServes() throws Exception {
    TestBrowser browser = new TestBrowser();
    List<String> relayStates = new ArrayList<>();
    for (int i = 0; i < POSTS; i++) {
      HttpResponse<String> start = browser.get(base + "/login?email=u@flood.example");
      assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
      relayStates.add(queryParameter(URI.create(TestBrowser.location(start)), "RelayState"));
    }
    String response = Base64.getEncoder().encodeToString(largeUnsignedResponse().getBytes(StandardCharsets.UTF_8));

    ExecutorService senders = Executors.newFixedThreadPool(100);
    List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
    try {
      for (String relayState : relayStates) {
        posts.add(CompletableFuture.supplyAsync(() -> {
          try {
            return browser.post(base + "/login/saml/acs", Map.of("SAMLResponse", response, "RelayState", relayState),
                "Accept", "application/json");
          } catch (Exception failure) {
            throw new IllegalStateException(failure);
          }
        }, senders));
      }
      Instant asked = Instant.now();
      HttpResponse<String> page = new TestBrowser().get(base + "/login");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(Duration.between(asked, Instant.now())).as("the login page during the flood")
          .isLessThan(Duration.ofSeconds(2));
      CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(120, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      senders.shutdownNow();
    }

    List<String> outcomes = posts.stream().map(CompletableFuture::join).map(answer -> answer.statusCode() + " "
        + new JsonObject(answer.body()).getString("error") + " " + new JsonObject(answer.body()).getString("reason"))
        .toList();
    assertThat(outcomes).hasSize(POSTS).allMatch(outcome -> outcome.startsWith("503 " + SESSION_CREATION_FAILED.code()
        + " saml_busy") || outcome.startsWith("502 " + IDENTITY_EXTRACTION_FAILED.code()));
    assertThat(outcomes).as("parsed, not refused by size").noneMatch(outcome -> outcome.endsWith("too_large"));
    assertThat(outcomes).as("the queue of 2 overflowed").anyMatch(outcome -> outcome.contains("saml_busy"));
  }

  /**
   * A well-formed but unsigned response of about 140 KB (190 KB encoded, under the 256 KiB limit, so that it is parsed
   * rather than refused by size), so that parsing it keeps a worker busy for a moment.
   */
  private static String largeUnsignedResponse() {
    StringBuilder xml = new StringBuilder("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
        + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_flood\" Version=\"2.0\" "
        + "IssueInstant=\"" + Instant.now() + "\"><saml:Issuer>https://idp.flood.example</saml:Issuer>"
        + "<samlp:Extensions>");
    for (int i = 0; i < 2_500; i++) {
      xml.append("<x:pad xmlns:x=\"urn:example:pad\" n=\"").append(i).append("\">padding</x:pad>");
    }
    return xml.append("</samlp:Extensions></samlp:Response>").toString();
  }

  private static String queryParameter(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }
}
