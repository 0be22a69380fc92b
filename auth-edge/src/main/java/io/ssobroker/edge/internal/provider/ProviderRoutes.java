package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import com.nimbusds.openid.connect.sdk.UserInfoErrorResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.platform.http.BoundedBody;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's routes for products' backends and browsers: discovery, the JWKS, the token, userinfo, introspection
 * and revocation endpoints.
 * Requests become Nimbus {@link HTTPRequest}s and Nimbus responses become the answer, so the library parses and writes
 * every protocol message. Each is open to any origin (CORS, without credentials): a browser application on its own
 * origin calls them directly (not introspection, which needs a client secret). The authorization and end-session
 * endpoints, pages of the browser's own, are the public router's.
 */
public final class ProviderRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderRoutes.class);
  private static final String METADATA_CACHE = "public, max-age=3600";
  /** Short, so that a key published ahead of its use reaches every product's cache well before it signs. */
  private static final String JWKS_CACHE = "public, max-age=300";

  private final ProviderEndpoints endpoints;
  private final String discovery;
  private final ProviderKeys keys;
  private final TokenGrants tokens;
  private final UserInfoAnswers userInfo;
  private final TokenIntrospection introspection;
  private final TokenRevocation revocation;
  private final Function<RoutingContext, ClientInfo> callers;

  ProviderRoutes(ProviderEndpoints endpoints, ProviderKeys keys, TokenGrants tokens, UserInfoAnswers userInfo,
      TokenIntrospection introspection, TokenRevocation revocation, Function<RoutingContext, ClientInfo> callers) {
    this.endpoints = endpoints;
    this.discovery = Discovery.document(endpoints);
    this.keys = keys;
    this.tokens = tokens;
    this.userInfo = userInfo;
    this.introspection = introspection;
    this.revocation = revocation;
    this.callers = callers;
  }

  public void mount(Router router) {
    for (String path : List.of(ProviderEndpoints.DISCOVERY_PATH, ProviderEndpoints.JWKS_PATH,
        ProviderEndpoints.TOKEN_PATH, ProviderEndpoints.USERINFO_PATH, ProviderEndpoints.REVOKE_PATH)) {
      router.route(path).handler(ProviderRoutes::openToEveryOrigin);
    }
    router.get(ProviderEndpoints.DISCOVERY_PATH).handler(routing -> json(routing, METADATA_CACHE, discovery));
    router.get(ProviderEndpoints.JWKS_PATH).handler(routing -> routing.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/jwk-set+json").putHeader("Cache-Control", JWKS_CACHE)
        .end(keys.jwks()));
    router.post(ProviderEndpoints.TOKEN_PATH).handler(this::token);
    router.get(ProviderEndpoints.USERINFO_PATH).handler(this::userInfo);
    router.post(ProviderEndpoints.USERINFO_PATH).handler(this::userInfo);
    router.post(ProviderEndpoints.INTROSPECT_PATH).handler(this::introspect);
    router.post(ProviderEndpoints.REVOKE_PATH).handler(this::revoke);
  }

  /** RFC 7662, for products' backends (no CORS: a browser application has no secret to introspect with). */
  private void introspect(RoutingContext routing) {
    HTTPRequest request = nimbusRequest(routing, HTTPRequest.Method.POST, endpoints.introspect());
    introspection.introspect(request).onComplete(outcome -> {
      if (outcome.succeeded()) {
        write(routing, outcome.result().toHTTPResponse());
      } else {
        refuse(routing, outcome.cause(), request);
      }
    });
  }

  /** RFC 7009: 200 with no body when done, or when the token is unknown (2.2). */
  private void revoke(RoutingContext routing) {
    HTTPRequest request = nimbusRequest(routing, HTTPRequest.Method.POST, endpoints.revoke());
    revocation.revoke(request).onComplete(outcome -> {
      if (outcome.succeeded()) {
        routing.response().setStatusCode(200).end();
      } else {
        refuse(routing, outcome.cause(), request);
      }
    });
  }

  /** A refused introspection or revocation, as the token endpoint answers its refusals (RFC 6749 5.2). */
  private static void refuse(RoutingContext routing, Throwable failure, HTTPRequest request) {
    TokenRefusal refusal = failure instanceof GrantRefused refused ? refused.refusal() : TokenRefusal.UNAVAILABLE;
    if (!(failure instanceof GrantRefused)) {
      LOG.warn("{} failed: {}", routing.request().path(), failure.toString());
    } else {
      LOG.info("{} refused: {}", routing.request().path(), refusal.code());
    }
    ErrorObject error = refusal.error();
    if (refusal.isClientAuthentication()) {
      error = error.setHTTPStatusCode(401);
      if (request.getAuthorization() != null && request.getAuthorization().startsWith("Basic")) {
        routing.response().putHeader("WWW-Authenticate", "Basic realm=\"token\"");
      }
    }
    write(routing, new TokenErrorResponse(error).toHTTPResponse());
  }

  private void token(RoutingContext routing) {
    HTTPRequest request = nimbusRequest(routing, HTTPRequest.Method.POST, endpoints.token());
    tokens.exchange(request, callers.apply(routing)).onComplete(outcome -> answerToken(routing, outcome));
  }

  private static void answerToken(RoutingContext routing, AsyncResult<TokenOutcome> result) {
    if (result.failed()) {
      LOG.warn("token request failed: {}", result.cause().toString());
      write(routing, new TokenErrorResponse(TokenRefusal.UNAVAILABLE.error()).toHTTPResponse());
    } else if (result.result() instanceof TokenOutcome.Issued issued) {
      write(routing, issued.response().toHTTPResponse());
    } else if (result.result() instanceof TokenOutcome.Refused refused) {
      ErrorObject error = refused.refusal().error();
      if (refused.refusal().isClientAuthentication()) {
        error = error.setHTTPStatusCode(401);
        if (refused.challengeBasic()) {
          routing.response().putHeader("WWW-Authenticate", "Basic realm=\"token\"");
        }
      }
      write(routing, new TokenErrorResponse(error).toHTTPResponse());
    }
  }

  private void userInfo(RoutingContext routing) {
    HTTPRequest request = nimbusRequest(routing, routing.request().method() == HttpMethod.POST
        ? HTTPRequest.Method.POST : HTTPRequest.Method.GET, endpoints.userInfo());
    userInfo.answer(request).onComplete(outcome -> {
      if (outcome.failed()) {
        LOG.warn("userinfo request failed: {}", outcome.cause().toString());
        write(routing, new UserInfoErrorResponse(new BearerTokenError("temporarily_unavailable",
            "The service is temporarily unavailable", 503)).toHTTPResponse());
      } else if (outcome.result() instanceof UserInfoOutcome.Claims claims) {
        write(routing, new UserInfoSuccessResponse(claims.userInfo()).toHTTPResponse());
      } else if (outcome.result() instanceof UserInfoOutcome.Refused refused) {
        HTTPResponse answer = new UserInfoErrorResponse(refused.error()).toHTTPResponse();
        answer.setHeader("Content-Type", "application/json");
        answer.setBody(refused.error().getCode() == null
            ? "{\"error_description\":\"Send the access token: Authorization: Bearer <token>.\"}"
            : refused.error().toJSONObject().toJSONString());
        write(routing, answer);
      }
    });
  }

  /**
   * The request as Nimbus reads it: method, the endpoint's address, the headers it looks at, and the body. Not the
   * query: neither endpoint takes parameters there, and Vert.x passes on characters a {@code java.net.URI} refuses.
   */
  private static HTTPRequest nimbusRequest(RoutingContext routing, HTTPRequest.Method method, URI endpoint) {
    HttpServerRequest request = routing.request();
    HTTPRequest nimbus = new HTTPRequest(method, endpoint);
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null) {
      nimbus.setHeader("Content-Type", contentType);
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      nimbus.setAuthorization(authorization);
    }
    nimbus.setBody(BoundedBody.of(routing).toString());
    return nimbus;
  }

  private static void write(RoutingContext routing, HTTPResponse answer) {
    HttpServerResponse response = routing.response().setStatusCode(answer.getStatusCode());
    for (Map.Entry<String, List<String>> header : answer.getHeaderMap().entrySet()) {
      if (header.getKey() != null) {
        response.putHeader(header.getKey(), header.getValue());
      }
    }
    String body = answer.getBody();
    response.end(body == null ? "" : body);
  }

  private static void json(RoutingContext routing, String cacheControl, String body) {
    routing.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader("Cache-Control", cacheControl).end(body);
  }

  /** CORS for browser applications of any origin; no credentials, so no origin needs to be trusted. */
  private static void openToEveryOrigin(RoutingContext routing) {
    HttpServerResponse response = routing.response();
    response.putHeader("Access-Control-Allow-Origin", "*");
    if (routing.request().method() == HttpMethod.OPTIONS) {
      response.putHeader("Access-Control-Allow-Methods", "GET, POST")
          .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
          .putHeader("Access-Control-Max-Age", "600")
          .setStatusCode(204).end();
      return;
    }
    routing.next();
  }
}
