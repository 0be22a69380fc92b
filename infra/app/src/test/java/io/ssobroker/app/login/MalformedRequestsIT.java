package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.MalformedRequests.Request;
import io.ssobroker.app.login.MalformedRequests.Route;
import io.ssobroker.app.login.RawHttp.Answer;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.testing.TestCertificates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 10 and HOSTILE's oversized posts: seeded malformed requests over every route of both ports (the admin
 * routes as the OpenAPI document lists them) each get an answer, none a 500, and none writes an ERROR line or a stack
 * trace. {@code -Dfuzz.seed} and {@code -Dfuzz.requests} replay or widen a run.
 */
class MalformedRequestsIT {

  private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);
  private static final String ADMIN_TOKEN = "fuzz-platform-admin-token-0123456789abcdef";
  private static final int SENDERS = 8;
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
  /** A request whose framing never ends may be answered (a bad length) or wait for the rest: either is right. */
  private static final Duration INCOMPLETE_REQUEST_WAIT = Duration.ofMillis(300);
  private static final Set<String> LOGIN_CATEGORIES_ANSWERED_5XX =
      Set.of("CODE_EXCHANGE_FAILED", "IDENTITY_EXTRACTION_FAILED", "SESSION_CREATION_FAILED");

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static LoginBroker broker;

  @BeforeAll
  static void start() throws Exception {
    TestIdp idp = environment.idp("/fuzz").client("fuzz-app", "fuzz-secret");
    JsonObject oidc = new JsonObject().put("discoveryEndpoint", idp.discoveryUrl()).put("clientId", "fuzz-app")
        .put("clientSecret", "fuzz-secret");
    JsonObject connectors = new JsonObject()
        .put("acme", new JsonArray().add(new JsonObject().put("kind", "oidc")
            .put("domains", new JsonArray().add("acme.com")).put("parameters", oidc)))
        .put("sentinel", new JsonArray().add(new JsonObject().put("kind", "oidc")
            .put("domains", new JsonArray().add("sentinel.example")).put("parameters", oidc)))
        .put("fuzz", new JsonArray().add(new JsonObject().put("kind", "saml")
            .put("domains", new JsonArray().add("fuzz.example")).put("parameters", new JsonObject()
                .put("ssoUrl", "https://idp.fuzz.example/sso").put("idpEntityId", "https://idp.fuzz.example")
                .put("x509Certificate", TestCertificates.selfSigned("idp.fuzz.example", 365)))));
    String users = """
        {"email": "alice@acme.com", "org": "acme"}
        {"email": "sam@sentinel.example", "org": "sentinel"}
        {"email": "u@fuzz.example", "org": "fuzz"}
        """;
    environment.startBroker(work, connectors.encode(), users, Map.of(), "--login-rate-limit", "0",
        "--admin-token", ADMIN_TOKEN);
    broker = environment.broker();
    idp.user("sam-sub", Map.of("email", "sam@sentinel.example"));
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  @Test
  void everyMalformedRequestGetsAClearAnswerWithoutA500OrAnErrorLine() throws Exception {
    MalformedRequests requests = new MalformedRequests(SEED, routes(), ADMIN_TOKEN, "127.0.0.1:" + broker.httpPort);
    List<Request> generated = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      generated.add(requests.next(i));
    }
    List<String> wrong = new ArrayList<>();
    LogCapture log = LogCapture.start();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<Optional<String>>> checked = new ArrayList<>();
      for (Request request : generated) {
        checked.add(senders.submit(() -> problem(request, RawHttp.exchange(request.port(), request.bytes(),
            request.complete() ? ANSWER_TIMEOUT : INCOMPLETE_REQUEST_WAIT))));
      }
      for (Future<Optional<String>> check : checked) {
        check.get().ifPresent(wrong::add);
      }
    } finally {
      senders.shutdownNow();
      log.stop();
    }

    assertThat(wrong).as("seed %d: requests answered wrongly", SEED).isEmpty();
    assertThat(log.errorsAndTraces()).as("seed %d: ERROR lines or stack traces", SEED).isEmpty();
    assertThat(environment.logins().logInSuccessfully("sam@sentinel.example").statusCode()).isEqualTo(302);
  }

  /** The requests an outside attack found answered 500: each is now a 4xx with a body, and writes no ERROR line. */
  @Test
  void theRequestsOnceAnswered500AreClientErrors() throws Exception {
    int admin = broker.adminPort;
    int http = broker.httpPort;
    String auth = "Authorization: Bearer " + ADMIN_TOKEN + "\r\n";
    List<Route> options = List.of(new Route(admin, "OPTIONS", "/admin/v1/orgs"),
        new Route(admin, "OPTIONS", "/admin/v1/tokens/x"), new Route(admin, "OPTIONS", "/admin/v1/audit"),
        new Route(admin, "OPTIONS", "/admin/v1/connectors/expiring"), new Route(http, "OPTIONS", "/o/%2e%2e/login"));
    LogCapture log = LogCapture.start();
    try {
      for (Route route : options) {
        for (String headers : List.of("", auth, auth + "Content-Type: multipart/form-data\r\nContent-Length: 3\r\n\r\nabc")) {
          String request = route.method() + " " + route.template() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + headers + (headers.endsWith("abc") ? "" : "\r\n");
          assertClientError(route.port(), request);
        }
      }
      for (String path : List.of("/login", "/test-app", "/password/forgot")) {
        for (String body : List.of("email=%zz", "email=a%40b.com&return_to=%", "\u00ff\u0000garbage", "=&=&&&")) {
          for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
              "multipart/form-data")) {
            assertClientErrorOrPage(http, "POST " + path + "?x=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: " + type + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertClientErrorOrPage(http, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: " + type + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
          }
        }
      }
    } finally {
      log.stop();
    }
    assertThat(log.errorsAndTraces()).isEmpty();
  }

  private static void assertClientError(int port, String request) throws Exception {
    Answer answer = RawHttp.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), ANSWER_TIMEOUT)
        .orElseThrow(() -> new AssertionError("no answer to " + request));
    assertThat(answer.status()).as(request).isBetween(400, 499);
    assertThat(answer.body()).as(request).isNotBlank();
  }

  private static void assertClientErrorOrPage(int port, String request) throws Exception {
    Answer answer = RawHttp.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), ANSWER_TIMEOUT)
        .orElseThrow(() -> new AssertionError("no answer to " + request));
    assertThat(answer.status()).as(request).isLessThan(500);
    assertThat(answer.body()).as(request).isNotBlank();
  }

  @Test
  void aTwentyMegabyteAcsPostIs413WithItsCategoryWhateverItsFramingAndLogsNoError() throws Exception {
    byte[] body = ("SAMLResponse=" + "A".repeat(20 * 1024 * 1024) + "&RelayState=x").getBytes(StandardCharsets.US_ASCII);
    LogCapture log = LogCapture.start();
    try {
      for (int chunkBytes : List.of(0, 1024, 8 * 1024, 64 * 1024, 1024 * 1024, 8 * 1024 * 1024)) {
        Answer json = postToAcs(body, chunkBytes, "application/json");
        assertThat(json.status()).as("chunks of %d bytes: %s", chunkBytes, json.body()).isEqualTo(413);
        JsonObject error = new JsonObject(json.body());
        assertThat(error.getString("error")).isEqualTo("IDENTITY_EXTRACTION_FAILED");
        assertThat(error.getString("reason")).isEqualTo("too_large");
        JsonObject event = environment.audit().event(error.getString("reference"));
        assertThat(event.getString("type")).isEqualTo("login.failed");
        assertThat(event.getString("reason")).isEqualTo("too_large");

        Answer page = postToAcs(body, chunkBytes, "text/html");
        assertThat(page.status()).as("chunks of %d bytes", chunkBytes).isEqualTo(413);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("IDENTITY_EXTRACTION_FAILED").contains("too_large");
      }
    } finally {
      log.stop();
    }
    assertThat(log.errorsAndTraces()).isEmpty();
  }

  /** What is wrong with this answer, if anything. */
  private static Optional<String> problem(Request request, Optional<Answer> answer) {
    if (answer.isEmpty()) {
      return request.complete() ? Optional.of("no answer: " + request.summary()) : Optional.empty();
    }
    int status = answer.get().status();
    String body = answer.get().body();
    boolean loginFailure = (status == 502 || status == 503)
        && LOGIN_CATEGORIES_ANSWERED_5XX.stream().anyMatch(body::contains) && !body.contains("internal_error");
    if (status >= 500 && !loginFailure) {
      return Optional.of(status + " " + abbreviate(body) + ": " + request.summary());
    }
    if (status >= 400 && status != 404 && status != 405 && body.isBlank() && !request.summary().contains(" HEAD ")) {
      return Optional.of(status + " without a body: " + request.summary());
    }
    return Optional.empty();
  }

  /** Every route of the public port, and every route of the admin port as its OpenAPI document lists them. */
  private static List<Route> routes() throws Exception {
    int http = broker.httpPort;
    int admin = broker.adminPort;
    List<Route> routes = new ArrayList<>(List.of(
        new Route(http, "GET", "/"),
        new Route(http, "GET", "/login"),
        new Route(http, "POST", "/login"),
        new Route(http, "GET", "/login/callback"),
        new Route(http, "GET", "/o/{org}/login"),
        new Route(http, "GET", "/o/{org}/login/{connectorId}"),
        new Route(http, "GET", "/login/saml/metadata"),
        new Route(http, "POST", "/login/saml/acs"),
        new Route(http, "GET", "/session"),
        new Route(http, "POST", "/logout"),
        new Route(http, "GET", "/test-app"),
        new Route(http, "GET", "/test-app/login"),
        new Route(http, "GET", "/test-app/callback"),
        new Route(http, "GET", "/.well-known/openid-configuration"),
        new Route(http, "GET", "/oauth2/jwks"),
        new Route(http, "GET", "/oauth2/authorize"),
        new Route(http, "POST", "/oauth2/authorize"),
        new Route(http, "POST", "/oauth2/token"),
        new Route(http, "GET", "/oauth2/userinfo"),
        new Route(http, "POST", "/oauth2/userinfo"),
        new Route(http, "POST", "/oauth2/introspect"),
        new Route(http, "POST", "/oauth2/revoke"),
        new Route(http, "GET", "/oauth2/logout"),
        new Route(http, "POST", "/oauth2/logout"),
        new Route(http, "POST", "/api-keys"),
        new Route(http, "GET", "/api-keys"),
        new Route(http, "DELETE", "/api-keys/{id}"),
        new Route(http, "POST", "/password/forgot"),
        new Route(admin, "GET", "/health/live"),
        new Route(admin, "GET", "/health/ready"),
        new Route(admin, "GET", "/metrics"),
        new Route(admin, "GET", "/admin/openapi.json")));
    HttpResponse<String> document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + admin + "/admin/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
    JsonObject paths = new JsonObject(document.body()).getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
          routes.add(new Route(admin, method.toUpperCase(), path));
        }
      }
    }
    assertThat(routes).as("the admin routes of the OpenAPI document").hasSizeGreaterThan(40);
    return routes;
  }

  private static String abbreviate(String text) {
    String line = text.replace('\n', ' ');
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  /** The answer to a form post of {@code body} to the ACS, with a Content-Length, or in chunks of this size. */
  private static Answer postToAcs(byte[] body, int chunkBytes, String accept) throws Exception {
    java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
    request.writeBytes(("POST /login/saml/acs HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
        + (chunkBytes == 0 ? "Content-Length: " + body.length + "\r\n\r\n" : "Transfer-Encoding: chunked\r\n\r\n"))
        .getBytes(StandardCharsets.ISO_8859_1));
    if (chunkBytes == 0) {
      request.writeBytes(body);
    } else {
      for (int from = 0; from < body.length; from += chunkBytes) {
        int size = Math.min(chunkBytes, body.length - from);
        request.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.write(body, from, size);
        request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    return RawHttp.exchange(broker.httpPort, request.toByteArray(), ANSWER_TIMEOUT)
        .orElseThrow(() -> new AssertionError("no answer to a post of " + body.length + " bytes in chunks of " + chunkBytes));
  }
}
