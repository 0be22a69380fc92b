package io.ssobroker.edge.internal.web;

import static io.ssobroker.edge.internal.web.Responses.html;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.ssobroker.edge.internal.provider.ProviderEndpoints;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.http.BoundedBody;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client testing application (SPEC section 5), a product like any other: it signs in through {@code
 * /oauth2/authorize} as the public client {@code sso-test-app} (PKCE, state, nonce), redeems the code at the token
 * endpoint over HTTP, validates the ID token with Nimbus's client-side validator, and shows the claims a product gets.
 * Its own session is the ID token, in a cookie of its path.
 */
public final class TestApp {

  private static final Logger LOG = LoggerFactory.getLogger(TestApp.class);
  static final String PATH = "/test-app";
  private static final String SIGNED_IN = "sso_test_app";
  private static final String PENDING = "sso_test_app_login";
  private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

  private final ProviderEndpoints endpoints;
  private final Supplier<String> jwks;
  private final HttpClient http;
  private final RequestOptions tokenEndpoint;
  private final Cookies cookies;
  private final boolean secure;
  private final ClientID clientId = new ClientID(ClientDefinition.TEST_APP_CLIENT_ID);
  private final URI redirectUri;
  private Brands brands;

  /** {@code tokenEndpoint}: this listener's own address, where the exchange goes without leaving the host. */
  public TestApp(ProviderEndpoints endpoints, Supplier<String> jwks, HttpClient http, RequestOptions tokenEndpoint,
      Cookies cookies, boolean secure) {
    this.endpoints = endpoints;
    this.jwks = jwks;
    this.http = http;
    this.tokenEndpoint = tokenEndpoint;
    this.cookies = cookies;
    this.secure = secure;
    this.redirectUri = ClientDefinition.testAppRedirectUri(URI.create(endpoints.issuer().getValue()));
  }

  /** @param brands the brand of the org of whoever signed in, on the page that shows them */
  void mount(Router router, Brands brands) {
    this.brands = brands;
    router.get(PATH).handler(this::home);
    router.get(PATH + "/login").handler(this::signIn);
    router.post(PATH + "/login").handler(this::signIn);
    router.get(redirectUri.getPath()).handler(this::callback);
  }

  /** Signed in: the claims. Not yet, with a broker session: sign in through the provider, which answers at once. */
  private void home(RoutingContext routing) {
    Optional<IDTokenClaimsSet> claims = cookie(routing, SIGNED_IN).flatMap(token -> validated(token, null));
    if (claims.isPresent()) {
      brands.of(Optional.ofNullable(claims.get().getStringClaim("org"))).onSuccess(brand -> html(routing, 200,
          TestAppPages.connected(Texts.of(routing.request()), brand, claims.get())));
    } else if (cookies.session(routing.request()).isPresent()) {
      LoginAnswers.redirect(routing, PATH + "/login");
    } else {
      html(routing, 200, TestAppPages.notConnected(Texts.of(routing.request()), Optional.empty()));
    }
  }

  private void signIn(RoutingContext routing) {
    String email = Optional.ofNullable(BoundedBody.form(routing).get("email"))
        .orElse(routing.queryParams().get("email"));
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
        new Scope("openid", "email", "profile"), clientId, redirectUri)
        .endpointURI(URI.create(ProviderEndpoints.AUTHORIZE_PATH))
        .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256);
    Optional.ofNullable(email).flatMap(EmailAddress::parse).ifPresent(hint -> request.loginHint(hint.value()));
    routing.response().addCookie(cookie(PENDING, String.join(".", state.getValue(), nonce.getValue(),
        verifier.getValue()), PENDING_LIFETIME));
    LoginAnswers.redirect(routing, request.build().toURI().toString());
  }

  private void callback(RoutingContext routing) {
    String[] pending = cookie(routing, PENDING).map(value -> value.split("\\.")).orElse(new String[0]);
    routing.response().addCookie(cookie(PENDING, "", Duration.ZERO));
    AuthorizationResponse response;
    try {
      response = AuthorizationResponse.parse(redirectUri,
          URLUtils.parseParameters(Optional.ofNullable(routing.request().query()).orElse("")));
    } catch (ParseException malformed) {
      failed(routing, "malformed_answer", malformed.getMessage());
      return;
    }
    if (pending.length != 3 || !pending[0].equals(response.getState() == null ? null : response.getState().getValue())) {
      failed(routing, "state_mismatch");
      return;
    }
    if (response.getIssuer() == null || !endpoints.issuer().equals(response.getIssuer())) {
      failed(routing, "issuer_mismatch");
      return;
    }
    if (response instanceof AuthorizationErrorResponse error) {
      ErrorObject object = error.getErrorObject();
      failed(routing, "refused", object.getCode() + (object.getDescription() == null ? ""
          : " (" + object.getDescription() + ")"));
      return;
    }
    AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
    TokenRequest exchange = new TokenRequest(endpoints.token(), clientId,
        new AuthorizationCodeGrant(code, redirectUri, new CodeVerifier(pending[2])));
    send(exchange.toHTTPRequest()).onComplete(answered -> {
      if (answered.failed()) {
        LOG.warn("the test application's code exchange failed: {}", answered.cause().toString());
        failed(routing, "token_endpoint_unreachable");
        return;
      }
      signedIn(routing, answered.result(), new Nonce(pending[1]));
    });
  }

  private void signedIn(RoutingContext routing, HTTPResponse answer, Nonce nonce) {
    TokenResponse tokens;
    try {
      tokens = OIDCTokenResponseParser.parse(answer);
    } catch (ParseException malformed) {
      failed(routing, "token_answer_malformed");
      return;
    }
    if (tokens instanceof TokenErrorResponse error) {
      failed(routing, "code_refused", error.getErrorObject().getCode());
      return;
    }
    String idToken = ((OIDCTokenResponse) tokens).getOIDCTokens().getIDTokenString();
    Optional<IDTokenClaimsSet> claims = validated(idToken, nonce);
    if (claims.isEmpty()) {
      failed(routing, "id_token_invalid");
      return;
    }
    Duration lifetime = Duration.between(Instant.now(), claims.get().getExpirationTime().toInstant());
    routing.response().addCookie(cookie(SIGNED_IN, idToken, lifetime));
    routing.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, PATH).end();
  }

  /** The ID token as any product validates it: signature by a published key, issuer, audience, expiry, nonce. */
  private Optional<IDTokenClaimsSet> validated(String idToken, Nonce nonce) {
    try {
      JWT jwt = JWTParser.parse(idToken);
      JWSAlgorithm algorithm = JWSAlgorithm.parse(jwt.getHeader().getAlgorithm().getName());
      return Optional.of(new IDTokenValidator(endpoints.issuer(), clientId, algorithm, JWKSet.parse(jwks.get()))
          .validate(jwt, nonce));
    } catch (java.text.ParseException | BadJOSEException | JOSEException invalid) {
      return Optional.empty();
    }
  }

  private Future<HTTPResponse> send(HTTPRequest request) {
    return http.request(new RequestOptions(tokenEndpoint).setMethod(HttpMethod.POST))
        .compose(outgoing -> outgoing.putHeader(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
            .send(request.getBody()))
        .compose(incoming -> incoming.body().map(body -> {
          HTTPResponse response = new HTTPResponse(incoming.statusCode());
          String type = incoming.getHeader(HttpHeaders.CONTENT_TYPE);
          if (type != null) {
            response.setHeader("Content-Type", type);
          }
          response.setBody(body.toString());
          return response;
        }));
  }

  /** The sign-in form again, with the problem {@code test_app.problem.<problem>} filled with these values. */
  private static void failed(RoutingContext routing, String problem, String... values) {
    Texts texts = Texts.of(routing.request());
    html(routing, 400, TestAppPages.notConnected(texts, Optional.of(texts.html("test_app.problem." + problem,
        values))));
  }

  /** Signing out of the broker signs out of the test application too. */
  void clearCookies(RoutingContext routing) {
    routing.response().addCookie(cookie(SIGNED_IN, "", Duration.ZERO));
  }

  private Cookie cookie(String name, String value, Duration lifetime) {
    return Cookie.cookie(name, value).setPath(PATH).setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.LAX).setMaxAge(Math.max(0, lifetime.toSeconds()));
  }

  private static Optional<String> cookie(RoutingContext routing, String name) {
    Cookie cookie = routing.request().getCookie(name);
    return cookie == null || cookie.getValue().isEmpty() || cookie.getValue().length() > 4096
        ? Optional.empty() : Optional.of(cookie.getValue());
  }
}
