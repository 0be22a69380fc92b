package io.ssobroker.edge.testidp;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The authorization endpoint: checks the request, records it and answers at once with a redirect,
 * as if the user had logged in and consented.
 */
final class AuthorizationEndpoint implements Handler<RoutingContext> {

  /** BASE64URL of a SHA-256 hash, without padding. */
  private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final TestIdp idp;

  AuthorizationEndpoint(TestIdp idp) {
    this.idp = idp;
  }

  @Override
  public void handle(RoutingContext routing) {
    String rawQuery = Objects.requireNonNullElse(routing.request().query(), "");
    Map<String, List<String>> params;
    try {
      params = FormEncoding.decode(rawQuery);
    } catch (IllegalArgumentException malformed) {
      idp.recordAuthorization(new AuthorizationRequest(rawQuery, Map.of(), Instant.now()));
      errorPage(routing, "invalid_request", "malformed query string");
      return;
    }
    AuthorizationRequest request = new AuthorizationRequest(rawQuery, params, Instant.now());
    idp.recordAuthorization(request);

    // Without a trustworthy client and redirect URI there is nowhere safe to redirect to.
    String repeated = FormEncoding.firstRepeated(params);
    if (repeated != null) {
      errorPage(routing, "invalid_request", "parameter given more than once: " + repeated);
      return;
    }
    if (request.clientId() == null || !idp.isRegistered(request.clientId())) {
      errorPage(routing, "invalid_client", "unknown client_id");
      return;
    }
    String redirectProblem = redirectUriProblem(request.redirectUri());
    if (redirectProblem != null) {
      errorPage(routing, "invalid_request", redirectProblem);
      return;
    }

    AuthorizationError error = idp.takeAuthorizationError();
    if (error == null) {
      error = problem(request);
    }
    Map<String, String> answer = new LinkedHashMap<>();
    if (error == null) {
      answer.put("code", idp.issueCode(request));
    } else {
      answer.put("error", error.error());
      answer.put("error_description", error.description());
    }
    answer.put("state", request.state());
    answer.put("iss", idp.authorizationResponseIss());
    routing.response()
        .setStatusCode(302)
        .putHeader("Location", FormEncoding.withQuery(request.redirectUri(), answer))
        .putHeader("Cache-Control", "no-store")
        .end();
  }

  private static AuthorizationError problem(AuthorizationRequest request) {
    if (!"code".equals(request.responseType())) {
      return new AuthorizationError("unsupported_response_type", "only response_type=code is supported");
    }
    String scope = request.scope();
    if (scope == null || !Arrays.asList(scope.split(" ")).contains("openid")) {
      return new AuthorizationError("invalid_scope", "scope must include openid");
    }
    String responseMode = request.param("response_mode");
    if (responseMode != null && !"query".equals(responseMode)) {
      return new AuthorizationError("invalid_request", "only response_mode=query is supported");
    }
    if (!"S256".equals(request.codeChallengeMethod())) {
      return new AuthorizationError("invalid_request", "PKCE with code_challenge_method=S256 is required");
    }
    if (request.codeChallenge() == null || !S256_CHALLENGE.matcher(request.codeChallenge()).matches()) {
      return new AuthorizationError("invalid_request", "code_challenge must be a BASE64URL SHA-256 hash");
    }
    return null;
  }

  private static String redirectUriProblem(String redirectUri) {
    if (redirectUri == null || redirectUri.isBlank()) {
      return "redirect_uri is required";
    }
    URI uri;
    try {
      uri = new URI(redirectUri);
    } catch (URISyntaxException invalid) {
      return "redirect_uri is not a URI";
    }
    if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      return "redirect_uri must be an absolute http or https URI";
    }
    if (uri.getRawFragment() != null) {
      return "redirect_uri must not contain a fragment";
    }
    return null;
  }

  private static void errorPage(RoutingContext routing, String error, String description) {
    routing.response()
        .setStatusCode(400)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(error + ": " + description + "\n");
  }
}
