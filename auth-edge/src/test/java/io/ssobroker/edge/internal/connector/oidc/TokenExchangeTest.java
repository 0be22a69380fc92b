package io.ssobroker.edge.internal.connector.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint's every answer, from a real HTTP server: what the exchange makes of it. */
class TokenExchangeTest {

  private static final Duration TIMEOUT = Duration.ofMillis(800);
  private static final URI REDIRECT = URI.create("https://sso.example.test/login/callback");
  private static Vertx vertx;
  private static TestIdp idp;
  private static IdpHttp http;
  private static TokenExchange exchange;
  private static OidcClientSettings client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = TestIdp.start(vertx, "/tokens").client("app:1", "s3cr:et%+x");
    http = new IdpHttp(vertx, TIMEOUT, new MovableClock(Instant.parse("2026-12-01T10:00:00Z")));
    exchange = new TokenExchange(http);
    client = (OidcClientSettings) ConnectorDefinition.openSettings(ConnectorKind.OIDC, new JsonObject()
        .put("discoveryEndpoint", idp.discoveryUrl()).put("clientId", "app:1"), Optional.of("s3cr:et%+x"));
  }

  @AfterAll
  static void stop() {
    idp.close();
    Await.result(vertx.close());
  }

  @BeforeEach
  void reset() {
    idp.reset();
  }

  private static ProviderMetadata provider(boolean postOnly) {
    return new ProviderMetadata(idp.issuer(), URI.create(idp.authorizationEndpoint()), URI.create(idp.tokenEndpoint()),
        URI.create(idp.jwksUri()), false, postOnly);
  }

  private static Future<String> exchange(boolean postOnly) {
    return Await.onEventLoop(vertx, () -> exchange.idToken(provider(postOnly), client, REDIRECT, "the-code",
        "the-verifier"));
  }

  private static LoginReason refusal() {
    Throwable failure = Await.failure(exchange(false));
    assertThat(failure).isInstanceOf(LoginFailure.class);
    return ((LoginFailure) failure).reason();
  }

  @Test
  void theIdTokenOfA200AnswerIsReturnedAfterARequestWithCodeVerifierAndBasicCredentials() {
    idp.tokenResponse(200, "application/json", "{\"id_token\": \"header.payload.signature\", \"token_type\": \"Bearer\"}");

    assertThat(Await.result(exchange(false))).isEqualTo("header.payload.signature");

    var request = idp.tokenRequests().get(0);
    assertThat(request.grantType()).isEqualTo("authorization_code");
    assertThat(request.code()).isEqualTo("the-code");
    assertThat(request.redirectUri()).isEqualTo(REDIRECT.toString());
    assertThat(request.param("code_verifier")).isEqualTo("the-verifier");
    assertThat(request.param("client_secret")).isNull();
    String basic = new String(Base64.getDecoder().decode(request.authorization().substring("Basic ".length())),
        StandardCharsets.UTF_8);
    assertThat(basic).isEqualTo("app%3A1:s3cr%3Aet%25%2Bx");
  }

  @Test
  void anIdpThatTakesOnlyClientSecretPostGetsTheCredentialsInTheBody() {
    idp.tokenResponse(200, "application/json", "{\"id_token\": \"t\"}");

    Await.result(exchange(true));

    var request = idp.tokenRequests().get(0);
    assertThat(request.authorization()).isNull();
    assertThat(request.param("client_id")).isEqualTo("app:1");
    assertThat(request.param("client_secret")).isEqualTo("s3cr:et%+x");
  }

  @Test
  void errorAnswersAreNamedByWhatTheIdpSaid() {
    idp.tokenResponse(401, "application/json", "{\"error\": \"invalid_client\"}");
    assertThat(refusal()).isEqualTo(LoginReason.INVALID_CLIENT);
    idp.tokenResponse(400, "application/json", "{\"error\": \"unauthorized_client\"}");
    assertThat(refusal()).isEqualTo(LoginReason.INVALID_CLIENT);
    idp.tokenResponse(400, "application/json", "{\"error\": \"invalid_grant\"}");
    assertThat(refusal()).isEqualTo(LoginReason.INVALID_GRANT);
    idp.tokenResponse(500, "application/json", "{\"error\": \"server_error\"}");
    assertThat(refusal()).isEqualTo(LoginReason.TOKEN_ENDPOINT_ERROR);
    idp.tokenResponse(502, "text/html", "<html>bad gateway</html>");
    assertThat(refusal()).isEqualTo(LoginReason.TOKEN_ENDPOINT_ERROR);
  }

  @Test
  void answersWithoutAUsableIdTokenAreRefused() {
    idp.tokenResponse(200, "application/json", "{\"access_token\": \"a\"}");
    assertThat(refusal()).isEqualTo(LoginReason.MISSING_ID_TOKEN);
    idp.tokenResponse(200, "application/json", "{\"id_token\": 42}");
    assertThat(refusal()).isEqualTo(LoginReason.MISSING_ID_TOKEN);
    idp.tokenResponse(200, "text/html", "<html>oops</html>");
    assertThat(refusal()).isEqualTo(LoginReason.BAD_TOKEN_RESPONSE);
    idp.tokenResponse(200, "application/json", "[1, 2]");
    assertThat(refusal()).isEqualTo(LoginReason.BAD_TOKEN_RESPONSE);
  }

  @Test
  void anAnswerTooLargeIsABadAnswerWhateverItsFraming() {
    idp.hugeTokenResponse(2, false);
    assertThat(refusal()).isEqualTo(LoginReason.BAD_TOKEN_RESPONSE);
    idp.hugeTokenResponse(2, true);
    assertThat(refusal()).isEqualTo(LoginReason.BAD_TOKEN_RESPONSE);
  }

  @Test
  void anIdpThatDoesNotAnswerInTimeIsATimeoutAndOneThatRefusesIsUnreachable() {
    idp.tokenDelay(TIMEOUT.multipliedBy(3));
    assertThat(refusal()).isEqualTo(LoginReason.TIMEOUT);
    idp.tokenDelay(Duration.ZERO);
    ProviderMetadata nowhere = new ProviderMetadata(idp.issuer(), URI.create(idp.authorizationEndpoint()),
        URI.create("http://127.0.0.1:1/token"), URI.create(idp.jwksUri()), false, false);
    Throwable failure = Await.failure(Await.onEventLoop(vertx, () -> exchange.idToken(nowhere, client, REDIRECT, "c",
        "v")));
    assertThat(((LoginFailure) failure).reason()).isEqualTo(LoginReason.UNREACHABLE);
  }
}
