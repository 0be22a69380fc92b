package io.ssobroker.edge.testidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ssobroker.platform.testing.Await;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the test IdP as a relying party would, over real HTTP. */
class TestIdpSelfTest {

  private static final String CLIENT_ID = "broker";
  private static final String CLIENT_SECRET = "s3:cr%et+x";
  private static final String REDIRECT_URI = "http://127.0.0.1:1/callback";
  private static final String VERIFIER = "verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

  private static Vertx vertx;
  private static WebClient http;
  private static TestIdp idp;

  @BeforeAll
  static void startIdp() {
    vertx = Vertx.vertx();
    http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    idp = TestIdp.start(vertx).client(CLIENT_ID, CLIENT_SECRET).client("other", "other-secret");
  }

  @AfterAll
  static void stopIdp() {
    idp.close();
    http.close();
    Await.result(vertx.close());
  }

  @BeforeEach
  void resetIdp() {
    idp.reset();
  }

  @Test
  void codeFlowWithPkceYieldsAnIdTokenSignedByAPublishedKey() throws Exception {
    idp.user("alice", Map.of("email", "alice@example.com", "email_verified", true));
    JsonObject discovery = get(idp.discoveryUrl()).bodyAsJsonObject();
    assertThat(discovery.getString("issuer")).isEqualTo(idp.issuer());
    assertThat(discovery.getJsonArray("code_challenge_methods_supported")).containsExactly("S256");

    Map<String, String> callback = authorize(discovery.getString("authorization_endpoint"), "S256");
    assertThat(callback).containsEntry("state", "state-1").doesNotContainKey("iss");
    assertThat(idp.lastAuthorization().nonce()).isEqualTo("nonce-1");

    HttpResponse<Buffer> answer = redeem(callback.get("code"), VERIFIER, CLIENT_SECRET);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonObject tokens = answer.bodyAsJsonObject();
    assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
    assertThat(tokens.getInteger("expires_in")).isEqualTo(3600);
    assertThat(idp.tokenRequests()).singleElement()
        .satisfies(request -> assertThat(request.authorization()).startsWith("Basic "))
        .satisfies(request -> assertThat(request.codeVerifier()).isEqualTo(VERIFIER));

    SignedJWT idToken = SignedJWT.parse(tokens.getString("id_token"));
    JWKSet jwks = JWKSet.parse(get(discovery.getString("jwks_uri")).bodyAsString());
    JWK key = jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
    assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(idToken.verify(new RSASSAVerifier((RSAKey) key))).isTrue();
    JWTClaimsSet claims = idToken.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(idp.issuer());
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getAudience()).containsExactly(CLIENT_ID);
    assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-1");
    assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.com");
    assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
  }

  @Test
  void wrongSecretIsInvalidClient() {
    String code = authorize(idp.authorizationEndpoint(), "S256").get("code");
    HttpResponse<Buffer> answer = redeem(code, VERIFIER, "s3:cr%et+y");
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void reusedCodeIsInvalidGrant() {
    String code = authorize(idp.authorizationEndpoint(), "S256").get("code");
    assertThat(redeem(code, VERIFIER, CLIENT_SECRET).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> again = redeem(code, VERIFIER, CLIENT_SECRET);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    assertThat(idp.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void wrongVerifierIsInvalidGrant() {
    String code = authorize(idp.authorizationEndpoint(), "S256").get("code");
    HttpResponse<Buffer> answer = redeem(code, VERIFIER + "x", CLIENT_SECRET);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
  }

  @Test
  void plainChallengeIsRefusedWithARedirect() {
    Map<String, String> callback = authorize(idp.authorizationEndpoint(), "plain");
    assertThat(callback).containsEntry("error", "invalid_request").containsEntry("state", "state-1")
        .doesNotContainKey("code");
  }

  @Test
  void rotatedKeyReplacesTheOldOneInTheJwks() throws Exception {
    assertThat(jwksKids()).containsExactly(TestIdp.INITIAL_KID);
    idp.rotateKey("key-2").addUnparseableJwk(true);
    JsonArray keys = get(idp.jwksUri()).bodyAsJsonObject().getJsonArray("keys");
    assertThat(keys).hasSize(2);
    assertThat(JWK.parse(keys.getJsonObject(0).getMap()).getKeyID()).isEqualTo("key-2");
    assertThatThrownBy(() -> JWK.parse(keys.getJsonObject(1).getMap())).isInstanceOf(ParseException.class);
    assertThat(idp.jwksFetchCount()).isEqualTo(2);
  }

  @Test
  void knobsShapeTheNextIdToken() throws Exception {
    idp.issParameterSupported(true).algNone(true).claimOverrides(Map.of("aud", "someone-else"))
        .removeClaims("nonce");
    Map<String, String> callback = authorize(idp.authorizationEndpoint(), "S256");
    assertThat(callback).containsEntry("iss", idp.issuer());
    String idToken = redeem(callback.get("code"), VERIFIER, CLIENT_SECRET).bodyAsJsonObject().getString("id_token");
    String[] parts = idToken.split("\\.", -1);
    assertThat(parts).hasSize(3);
    assertThat(parts[2]).isEmpty();
    assertThat(decode(parts[0])).containsEntry("alg", "none");
    assertThat(decode(parts[1])).containsEntry("aud", "someone-else").doesNotContainKey("nonce");
  }

  @Test
  void hmacConfusionTokenIsKeyedWithThePublicKeyBytes() throws Exception {
    idp.hmacWithPublicKey(true);
    String code = authorize(idp.authorizationEndpoint(), "S256").get("code");
    SignedJWT idToken = SignedJWT.parse(
        redeem(code, VERIFIER, CLIENT_SECRET).bodyAsJsonObject().getString("id_token"));
    assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(idToken.getHeader().getKeyID()).isEqualTo(TestIdp.INITIAL_KID);
    byte[] publicKey = idp.currentPublicJwk().toPublicKey().getEncoded();
    assertThat(idToken.verify(new MACVerifier(publicKey))).isTrue();
  }

  @Test
  void cannedTokenResponsesAreServedAsGivenUntilRealOnesReturn() {
    idp.tokenResponse(200, "text/html", "<html>maintenance</html>");
    for (int attempt = 0; attempt < 2; attempt++) {
      HttpResponse<Buffer> answer = redeem("any-code", VERIFIER, CLIENT_SECRET);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.getHeader("Content-Type")).isEqualTo("text/html");
      assertThat(answer.bodyAsString()).isEqualTo("<html>maintenance</html>");
    }
    idp.hugeTokenResponse(1);
    assertThat(redeem("any-code", VERIFIER, CLIENT_SECRET).body().length()).isEqualTo(1024 * 1024);
    idp.realTokenResponses();
    assertThat(redeem("any-code", VERIFIER, CLIENT_SECRET).bodyAsJsonObject().getString("error"))
        .isEqualTo("invalid_grant");
  }

  @Test
  void refusedConnectionsRecoverOnTheSamePort() {
    int port = idp.port();
    idp.refuseConnections(true);
    // A fresh client: a pooled connection, closed by the server a moment ago, would fail otherwise.
    WebClient fresh = WebClient.create(vertx);
    try {
      // refused, or (rarely, the port being in the ephemeral range) connected to itself and closed: never answered
      assertThat(Await.failure(fresh.getAbs(idp.discoveryUrl()).send()).getMessage())
          .containsAnyOf("Connection refused", "Connection was closed");
    } finally {
      fresh.close();
    }
    idp.refuseConnections(false);
    assertThat(idp.port()).isEqualTo(port);
    assertThat(get(idp.discoveryUrl()).statusCode()).isEqualTo(200);
  }

  @Test
  void entraModeIssuesTokensForTheUsersTenant() throws Exception {
    TestIdp entra = TestIdp.start(vertx, "/organizations/v2.0").client(CLIENT_ID, CLIENT_SECRET)
        .entraMultiTenant(true).user("oid-1", Map.of("tid", "tenant-a"));
    try {
      assertThat(entra.discoveryUrl())
          .isEqualTo(entra.baseUrl() + "/organizations/v2.0/.well-known/openid-configuration");
      assertThat(get(entra.discoveryUrl()).bodyAsJsonObject().getString("issuer"))
          .isEqualTo(entra.baseUrl() + "/{tenantid}/v2.0");
      String code = authorize(entra.authorizationEndpoint(), "S256").get("code");
      HttpResponse<Buffer> answer = Await.result(http.postAbs(entra.tokenEndpoint())
          .sendForm(MultiMap.caseInsensitiveMultiMap()
              .add("grant_type", "authorization_code")
              .add("code", code)
              .add("redirect_uri", REDIRECT_URI)
              .add("code_verifier", VERIFIER)
              .add("client_id", CLIENT_ID)
              .add("client_secret", CLIENT_SECRET)));
      JWTClaimsSet claims = SignedJWT.parse(answer.bodyAsJsonObject().getString("id_token")).getJWTClaimsSet();
      assertThat(claims.getIssuer()).isEqualTo(entra.baseUrl() + "/tenant-a/v2.0");
      assertThat(claims.getStringClaim("tid")).isEqualTo("tenant-a");
    } finally {
      entra.close();
    }
  }

  private Map<String, String> authorize(String endpoint, String challengeMethod) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", CLIENT_ID);
    params.put("redirect_uri", REDIRECT_URI);
    params.put("scope", "openid email");
    params.put("state", "state-1");
    params.put("nonce", "nonce-1");
    params.put("code_challenge", "plain".equals(challengeMethod) ? VERIFIER : TokenEndpoint.s256(VERIFIER));
    params.put("code_challenge_method", challengeMethod);
    HttpResponse<Buffer> answer = get(FormEncoding.withQuery(endpoint, params));
    assertThat(answer.statusCode()).isEqualTo(302);
    URI location = URI.create(answer.getHeader("Location"));
    assertThat(location.getPath()).isEqualTo("/callback");
    Map<String, String> callback = new LinkedHashMap<>();
    FormEncoding.decode(location.getRawQuery()).forEach((name, values) -> callback.put(name, values.get(0)));
    return callback;
  }

  private HttpResponse<Buffer> redeem(String code, String verifier, String secret) {
    String credentials = FormEncoding.encodeComponent(CLIENT_ID) + ":" + FormEncoding.encodeComponent(secret);
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "authorization_code")
        .add("code", code)
        .add("redirect_uri", REDIRECT_URI)
        .add("code_verifier", verifier);
    return Await.result(http.postAbs(idp.tokenEndpoint())
        .putHeader("Authorization",
            "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .sendForm(form));
  }

  private List<String> jwksKids() throws Exception {
    return JWKSet.parse(get(idp.jwksUri()).bodyAsString()).getKeys().stream().map(JWK::getKeyID).toList();
  }

  private static HttpResponse<Buffer> get(String url) {
    return Await.result(http.getAbs(url).send());
  }

  private static Map<String, Object> decode(String part) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)).getMap();
  }
}
