package io.ssobroker.app.console;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.registry.ConsoleClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in through the broker's own OpenID Provider, for users of the directory with the admin role: an
 * authorization-code flow with PKCE, state bound to the browser, and a nonce; the code is redeemed and the ID token
 * checked with the Nimbus SDK against the provider's keys. The user's org and role are then asked of the directory.
 */
final class ConsoleSso {

  static final String BINDING_COOKIE = "console_sso";
  private static final Duration PENDING = Duration.ofMinutes(10);
  private static final int MAX_PENDING = 10_000;

  /** A sign-in sent to the provider, waiting for its callback. */
  record Pending(String binding, Nonce nonce, CodeVerifier verifier, Instant startedAt) {}

  /** Why a callback does not sign anyone in, as the sign-in page says it. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final BusRequester bus;
  private final Clock clock;
  private final URI issuer;
  private final URI redirectUri;
  /** One for the console's life: it keeps the provider's keys between sign-ins, fetching them again on a new kid. */
  private final IDTokenValidator validator;

  ConsoleSso(Vertx vertx, BusRequester bus, Clock clock, URI publicBaseUrl, URI consoleUrl) {
    this.vertx = vertx;
    this.bus = bus;
    this.clock = clock;
    this.issuer = publicBaseUrl;
    this.redirectUri = ConsoleClient.redirectUri(consoleUrl);
    try {
      this.validator = new IDTokenValidator(new Issuer(issuer), new ClientID(ConsoleClient.CLIENT_ID),
          JWSAlgorithm.ES256, URI.create(issuer + "/oauth2/jwks").toURL());
    } catch (java.net.MalformedURLException notAUrl) {
      throw new IllegalArgumentException("publicBaseUrl is no URL: " + issuer, notAUrl);
    }
  }

  /** Where to send the browser, and the cookie that binds the answer to it. */
  record Start(URI authorization, Cookie binding) {}

  Start start(Optional<String> loginHint) {
    Instant now = clock.instant();
    if (pending.size() >= MAX_PENDING) {
      pending.values().removeIf(login -> login.startedAt().plus(PENDING).isBefore(now));
    }
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    String binding = Tokens.random();
    pending.put(state.getValue(), new Pending(binding, nonce, verifier, now));
    AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
        new Scope("openid", "email"), new ClientID(ConsoleClient.CLIENT_ID), redirectUri)
        .endpointURI(URI.create(issuer + "/oauth2/authorize")).state(state).nonce(nonce)
        .codeChallenge(verifier, CodeChallengeMethod.S256);
    loginHint.ifPresent(request::loginHint);
    // Lax, not Strict: the callback arrives at the end of redirects that began at the org's IdP, another site
    Cookie cookie = Cookie.cookie(BINDING_COOKIE, binding).setPath(ConsoleRoutes.PATH + "/sso").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setMaxAge(PENDING.toSeconds());
    return new Start(request.build().toURI(), cookie);
  }

  /** The directory admin that this callback signs in, or why not. */
  Future<AdminActor> finish(String state, String code, String binding) {
    Pending login = state == null ? null : pending.remove(state);
    if (login == null || binding == null || !Tokens.constantTimeEquals(login.binding(), binding)
        || login.startedAt().plus(PENDING).isBefore(clock.instant())) {
      return Future.failedFuture(new Refused("This sign-in has expired or was started in another browser; "
          + "start again."));
    }
    if (code == null) {
      return Future.failedFuture(new Refused("The sign-in did not complete; start again."));
    }
    return vertx.executeBlocking(() -> userOf(code, login))
        .compose(userId -> bus.request(DirectoryContract.CONSOLE_ADMIN, new JsonObject().put("userId",
            userId.toString())))
        .map(AdminActor::fromJson)
        .recover(failure -> Future.failedFuture(failure instanceof Refused ? failure
            : new Refused("You are signed in, but you are not an admin of your organization in the console. "
                + "Ask a platform admin to give you the admin role.")));
  }

  /** Redeems the code at the provider and checks the ID token it answers; the user's id. Blocking. */
  private UUID userOf(String code, Pending login) throws Exception {
    TokenRequest request = new TokenRequest(URI.create(issuer + "/oauth2/token"),
        new ClientID(ConsoleClient.CLIENT_ID),
        new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, login.verifier()));
    TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
    if (!(response instanceof OIDCTokenResponse tokens)) {
      throw new Refused("The broker refused the sign-in (" + response.toErrorResponse().getErrorObject().getCode()
          + "); start again.");
    }
    JWT idToken = tokens.getOIDCTokens().getIDToken();
    return UUID.fromString(validator.validate(idToken, login.nonce()).getSubject().getValue());
  }
}
