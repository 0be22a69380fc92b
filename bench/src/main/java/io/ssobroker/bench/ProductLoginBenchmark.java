package io.ssobroker.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.ssobroker.edge.testidp.SigningKey;
import io.ssobroker.edge.testidp.TestIdp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Complete product sign-ins through the broker's OpenID Provider, as a product's browser and backend make them:
 * {@code GET /oauth2/authorize} (with {@code login_hint}, PKCE, state and nonce) -> the IdP -> {@code GET
 * /login/callback} -> the product's redirect URI with the code -> {@code POST /oauth2/token} (client_secret_basic) ->
 * the ID token's signature verified here against the broker's JWKS, and its nonce and audience checked. In {@code sso}
 * mode, each browser signed in once first, and a sign-in is a second product's: authorize (answered at once from the
 * broker session) -> token -> verify, with no IdP round trip.
 *
 * In {@code refresh} mode, 256 sign-ins first, then each operation is a refresh grant on one of their refresh token
 * chains (rotated each time); in {@code product-introspect} mode, 64 sign-ins first, then each operation is the product
 * introspecting one of their access tokens at {@code /oauth2/introspect} with its own credentials.
 *
 * <pre>java -jar bench/target/sso-bench.jar product|product-sso|refresh|product-introspect [--alg ES256|RS256]
 *   [--rate 0|N] [--concurrency 64]</pre>
 */
final class ProductLoginBenchmark {

  private static final String REDIRECT_URI = "http://127.0.0.1:9/callback";

  /** What one operation is. */
  enum Mode {
    /** A complete first sign-in. */
    SIGN_IN("product sign-ins"),
    /** A second product's sign-in with a broker session. */
    SECOND_PRODUCT("second-product sign-ins"),
    /** A refresh grant, the refresh token rotated (each chain used by one caller at a time). */
    REFRESH("refreshes"),
    /** An introspection of one of the product's access tokens with its own credentials. */
    INTROSPECT("introspections");

    private final String unit;

    Mode(String unit) {
      this.unit = unit;
    }
  }

  private static final int CHAINS = 256;

  private final BenchSettings settings;
  private final Mode mode;
  private final Vertx vertx = BenchVertx.create();
  private final Vertx idpVertx = BenchVertx.create();
  private final Map<String, JWSVerifier> verifiers = new ConcurrentHashMap<>();

  ProductLoginBenchmark(BenchSettings settings, Mode mode) {
    this.settings = settings;
    this.mode = mode;
  }

  /** A registered product: its id and the Authorization header of its token requests. */
  private record Product(String clientId, String basicAuthorization) {}

  void run() throws Exception {
    NativeSigning.install();
    TestIdp idp = TestIdp.start(idpVertx, "/bench").historyLimit(100).client("bench-app", "bench-secret")
        .user("bench-subject", Map.of("email", LoginBenchmark.EMAIL, "name", "Bench User"));
    idp.rotateKey(SigningKey.rsa("bench-rs256"));
    try (BenchBroker broker = BenchBroker.start(settings.jar(), idp,
        "{\"email\": \"" + LoginBenchmark.EMAIL + "\", \"name\": \"Bench User\", \"org\": \"bench\"}\n")) {
      BenchHttp http = new BenchHttp(vertx, Math.max(settings.concurrency(), 64) * 2);
      Product first = register(http, broker, "bench-product");
      Product second = register(http, broker, "bench-second-product");
      System.out.println("ID tokens signed with " + settings.algorithm());
      String base = broker.publicBase();
      LoadRunner runner = switch (mode) {
        case SIGN_IN -> new LoadRunner(vertx, mode.unit, () -> signIn(http, base, first).mapEmpty());
        case SECOND_PRODUCT -> {
          List<String> sessions = new ArrayList<>();
          for (int i = 0; i < Math.max(1, settings.concurrency()); i++) {
            sessions.add(signIn(http, base, first).toCompletionStage().toCompletableFuture().get().session());
          }
          yield new LoadRunner(vertx, mode.unit, () -> signInWithSession(http, base, second,
              sessions.get(ThreadLocalRandom.current().nextInt(sessions.size()))));
        }
        case REFRESH -> {
          ConcurrentLinkedQueue<String> chains = new ConcurrentLinkedQueue<>();
          for (int i = 0; i < Math.max(CHAINS, settings.concurrency()); i++) {
            chains.add(signIn(http, base, first).toCompletionStage().toCompletableFuture().get().tokens()
                .getString("refresh_token"));
          }
          yield new LoadRunner(vertx, mode.unit, () -> refresh(http, base, first, chains));
        }
        case INTROSPECT -> {
          List<String> accessTokens = new ArrayList<>();
          for (int i = 0; i < 64; i++) {
            accessTokens.add(signIn(http, base, first).toCompletionStage().toCompletableFuture().get().tokens()
                .getString("access_token"));
          }
          yield new LoadRunner(vertx, mode.unit, () -> introspect(http, base, first,
              accessTokens.get(ThreadLocalRandom.current().nextInt(accessTokens.size()))));
        }
      };
      settings.measure(runner, broker, switch (mode) {
        case SIGN_IN, SECOND_PRODUCT -> "product sign-in";
        case REFRESH -> "refresh";
        case INTROSPECT -> "introspection";
      });
    } finally {
      idp.close();
      idpVertx.close();
    }
  }

  /** A sign-in's outcome: the browser's broker session cookie, and the token response. */
  private record SignedIn(String session, JsonObject tokens) {}

  /** A first product's complete sign-in. */
  private Future<SignedIn> signIn(BenchHttp http, String base, Product product) {
    Request request = new Request();
    return http.get(base + "/oauth2/authorize?" + request.query(product, true), null).compose(start -> {
      String browser = "sso_browser=" + start.expect(302).cookie("sso_browser");
      return http.get(start.header("Location"), null).compose(idpAnswer ->
          http.get(idpAnswer.expect(302).header("Location"), browser));
    }).compose(callback -> {
      String session = "sso_session=" + callback.expect(302).cookie("sso_session");
      return redeem(http, base, product, request, callback.header("Location"))
          .map(tokens -> new SignedIn(session, tokens));
    });
  }

  /** A refresh grant on a chain no other caller uses meanwhile; the rotated token goes back for the next caller. */
  private Future<Void> refresh(BenchHttp http, String base, Product product, ConcurrentLinkedQueue<String> chains) {
    String token = chains.poll();
    if (token == null) {
      return Future.failedFuture(new IllegalStateException("more refreshes in flight than chains"));
    }
    return http.sendForm(base + "/oauth2/token", "grant_type=refresh_token&refresh_token=" + encode(token),
            "Authorization", product.basicAuthorization())
        .map(answer -> {
          JsonObject tokens = new JsonObject(answer.expect(200).body());
          chains.add(tokens.getString("refresh_token"));
          return null;
        });
  }

  private Future<Void> introspect(BenchHttp http, String base, Product product, String accessToken) {
    return http.sendForm(base + "/oauth2/introspect", "token=" + encode(accessToken), "Authorization",
        product.basicAuthorization()).map(answer -> {
          if (!new JsonObject(answer.expect(200).body()).getBoolean("active")) {
            throw new IllegalStateException("an active access token was introspected as inactive");
          }
          return null;
        });
  }

  /** A second product's sign-in in a browser with a broker session: the code comes at once. */
  private Future<Void> signInWithSession(BenchHttp http, String base, Product product, String session) {
    Request request = new Request();
    return http.get(base + "/oauth2/authorize?" + request.query(product, false), session)
        .compose(answer -> redeem(http, base, product, request, answer.expect(302).header("Location")))
        .mapEmpty();
  }

  private Future<JsonObject> redeem(BenchHttp http, String base, Product product, Request request,
      String location) {
    if (!location.startsWith(REDIRECT_URI + "?code=")) {
      return Future.failedFuture(new IllegalStateException("not a code: " + location));
    }
    String code = location.substring(location.indexOf("code=") + 5, location.indexOf('&'));
    String form = "grant_type=authorization_code&code=" + code + "&redirect_uri=" + encode(REDIRECT_URI)
        + "&code_verifier=" + request.verifier.getValue();
    return http.sendForm(base + "/oauth2/token", form, "Authorization", product.basicAuthorization())
        .compose(answer -> {
          JsonObject tokens = new JsonObject(answer.expect(200).body());
          verify(product, request, tokens.getString("id_token"));
          return Future.succeededFuture(tokens);
        });
  }

  /** What a product checks: the signature (by a key of the JWKS), the audience and the nonce. */
  private void verify(Product product, Request request, String idToken) {
    try {
      SignedJWT jwt = SignedJWT.parse(idToken);
      JWSVerifier verifier = verifiers.get(jwt.getHeader().getKeyID());
      if (verifier == null || !jwt.verify(verifier)) {
        throw new IllegalStateException("the ID token's signature does not verify (kid " + jwt.getHeader().getKeyID()
            + ")");
      }
      if (!jwt.getJWTClaimsSet().getAudience().contains(product.clientId())
          || !request.nonce.equals(jwt.getJWTClaimsSet().getStringClaim("nonce"))) {
        throw new IllegalStateException("the ID token is not for this request");
      }
    } catch (ParseException | JOSEException unusable) {
      throw new IllegalStateException("unusable ID token", unusable);
    }
  }

  private Product register(BenchHttp http, BenchBroker broker, String clientId) throws Exception {
    JsonObject body = new JsonObject().put("clientId", clientId).put("name", clientId).put("type", "confidential")
        .put("idTokenSigningAlg", settings.algorithm())
        .put("redirectUris", new JsonArray().add(REDIRECT_URI));
    JsonObject created = new JsonObject(http.send(HttpMethod.POST, broker.adminBase() + "/admin/v1/clients", null,
            body.encode(), "Authorization", "Bearer " + BenchBroker.ADMIN_TOKEN)
        .toCompletionStage().toCompletableFuture().get().expect(201).body());
    String jwks = http.get(broker.publicBase() + "/oauth2/jwks", null).toCompletionStage().toCompletableFuture().get()
        .expect(200).body().toString();
    for (JWK key : JWKSet.parse(jwks).getKeys()) {
      verifiers.put(key.getKeyID(), key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key));
    }
    String credentials = clientId + ":" + created.getString("clientSecret");
    return new Product(clientId, "Basic " + Base64.getEncoder().encodeToString(
        credentials.getBytes(StandardCharsets.UTF_8)));
  }

  /** One authorization request's secrets, as the product keeps them until its callback. */
  private static final class Request {
    private final CodeVerifier verifier = new CodeVerifier();
    private final String state = UUID.randomUUID().toString();
    private final String nonce = UUID.randomUUID().toString();

    String query(Product product, boolean withHint) {
      return "response_type=code&client_id=" + product.clientId() + "&redirect_uri=" + encode(REDIRECT_URI)
          + "&scope=openid%20email&state=" + state + "&nonce=" + nonce
          + "&code_challenge=" + CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue()
          + "&code_challenge_method=S256" + (withHint ? "&login_hint=" + encode(LoginBenchmark.EMAIL) : "");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
