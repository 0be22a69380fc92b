package io.ssobroker.edge.testidp;

import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** The token endpoint: the authorization code grant with PKCE and a client secret (RFC 6749 4.1.3). */
final class TokenEndpoint implements Handler<RoutingContext> {

  private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
  private static final String BASIC = "Basic ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TestIdp idp;
  private final Vertx vertx;

  TokenEndpoint(TestIdp idp, Vertx vertx) {
    this.idp = idp;
    this.vertx = vertx;
  }

  @Override
  public void handle(RoutingContext routing) {
    HttpServerRequest request = routing.request();
    String rawBody = Objects.requireNonNullElse(routing.body().asString(), "");
    Map<String, List<String>> form;
    boolean malformed = false;
    try {
      form = FormEncoding.decode(rawBody);
    } catch (IllegalArgumentException invalid) {
      form = Map.of();
      malformed = true;
    }
    idp.recordTokenRequest(new TokenRequest(rawBody, form,
        request.getHeader("Authorization"), request.getHeader("Content-Type"), Instant.now()));

    TokenAnswer canned = idp.cannedTokenAnswer();
    TokenAnswer answer = canned != null ? canned : exchange(request, form, malformed);
    Duration delay = idp.currentTokenDelay();
    if (delay.isZero() || delay.isNegative()) {
      send(routing.response(), answer);
    } else {
      vertx.setTimer(Math.max(1, delay.toMillis()), fired -> send(routing.response(), answer));
    }
  }

  private TokenAnswer exchange(HttpServerRequest request, Map<String, List<String>> form, boolean malformed) {
    try {
      if (malformed) {
        throw OAuthError.invalidRequest("malformed form body");
      }
      String contentType = request.getHeader("Content-Type");
      if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
        throw OAuthError.invalidRequest("the body must be application/x-www-form-urlencoded");
      }
      String repeated = FormEncoding.firstRepeated(form);
      if (repeated != null) {
        throw OAuthError.invalidRequest("parameter given more than once: " + repeated);
      }
      String clientId = authenticateClient(request.getHeader("Authorization"), form);
      String grantType = FormEncoding.first(form, "grant_type");
      if (grantType == null) {
        throw OAuthError.invalidRequest("grant_type is required");
      }
      if (!"authorization_code".equals(grantType)) {
        throw OAuthError.unsupportedGrantType("only authorization_code is supported");
      }
      String code = FormEncoding.first(form, "code");
      if (code == null) {
        throw OAuthError.invalidRequest("code is required");
      }
      IssuedCode issued = idp.redeem(code, clientId);
      if (!issued.redirectUri().equals(FormEncoding.first(form, "redirect_uri"))) {
        throw OAuthError.invalidGrant("redirect_uri differs from the authorization request");
      }
      verifyPkce(issued.codeChallenge(), FormEncoding.first(form, "code_verifier"));
      return TokenAnswer.json(200, new JsonObject()
          .put("access_token", randomToken())
          .put("token_type", "Bearer")
          .put("expires_in", 3600)
          .put("id_token", idp.mintIdToken(clientId, issued)));
    } catch (OAuthError error) {
      return error.toAnswer();
    } catch (RuntimeException failure) {
      return TokenAnswer.json(500, new JsonObject()
          .put("error", "server_error")
          .put("error_description", String.valueOf(failure.getMessage())));
    }
  }

  /** The authenticated client id, by client_secret_basic or client_secret_post, never both. */
  private String authenticateClient(String authorization, Map<String, List<String>> form) {
    boolean basic = authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length());
    String formClientId = FormEncoding.first(form, "client_id");
    String formSecret = FormEncoding.first(form, "client_secret");
    if (basic && formSecret != null) {
      throw OAuthError.invalidRequest("more than one client authentication method");
    }
    String clientId;
    String secret;
    if (basic) {
      String[] credentials = basicCredentials(authorization.substring(BASIC.length()).trim());
      clientId = credentials[0];
      secret = credentials[1];
      if (formClientId != null && !formClientId.equals(clientId)) {
        throw OAuthError.invalidClient(true, "client_id differs from the authenticated client");
      }
    } else if (formSecret != null && formClientId != null) {
      clientId = formClientId;
      secret = formSecret;
    } else {
      throw OAuthError.invalidClient(false, "client authentication is required");
    }
    if (!idp.authenticates(clientId, secret)) {
      throw OAuthError.invalidClient(basic, "unknown client or wrong secret");
    }
    return clientId;
  }

  /** RFC 6749 2.3.1: both parts are form-urlencoded before they are joined and base64 encoded. */
  private static String[] basicCredentials(String encoded) {
    try {
      String joined = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = joined.indexOf(':');
      if (colon < 0) {
        throw OAuthError.invalidClient(true, "malformed Basic credentials");
      }
      return new String[] {
        FormEncoding.decodeComponent(joined.substring(0, colon)),
        FormEncoding.decodeComponent(joined.substring(colon + 1))
      };
    } catch (IllegalArgumentException malformed) {
      throw OAuthError.invalidClient(true, "malformed Basic credentials");
    }
  }

  private static void verifyPkce(String codeChallenge, String codeVerifier) {
    if (codeVerifier == null) {
      throw OAuthError.invalidGrant("code_verifier is required");
    }
    if (!CODE_VERIFIER.matcher(codeVerifier).matches()) {
      throw OAuthError.invalidGrant("code_verifier must be 43 to 128 unreserved characters");
    }
    byte[] expected = s256(codeVerifier).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, codeChallenge.getBytes(StandardCharsets.US_ASCII))) {
      throw OAuthError.invalidGrant("code_verifier does not match code_challenge");
    }
  }

  /** BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 4.2. */
  static String s256(String codeVerifier) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
      return Base64URL.encode(hash).toString();
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64URL.encode(bytes).toString();
  }

  private static final int CHUNK_BYTES = 64 * 1024;

  private static void send(HttpServerResponse response, TokenAnswer answer) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(answer.status());
    if (answer.contentType() != null) {
      response.putHeader("Content-Type", answer.contentType());
    }
    answer.headers().forEach(response::putHeader);
    if (!answer.chunked()) {
      response.end(answer.body());
      return;
    }
    response.setChunked(true);
    Buffer body = answer.body();
    for (int from = 0; from < body.length(); from += CHUNK_BYTES) {
      response.write(body.getBuffer(from, Math.min(body.length(), from + CHUNK_BYTES)));
    }
    response.end();
  }
}
