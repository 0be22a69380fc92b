package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Prompt;
import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.edge.internal.provider.AuthorizeCheck.Accepted;
import io.ssobroker.edge.internal.provider.AuthorizeCheck.Refused;
import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.client.ClientType;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of a product's authorization request, in the order RFC 6749 4.1.2.1 needs them: first the client and its
 * redirect URI, which decide whether the client may be told anything at all; then, with Nimbus parsing the request,
 * everything the broker does not support or requires ({@code response_type=code}, the {@code openid} scope, PKCE S256,
 * bounded parameters, no request objects).
 */
final class AuthorizationRequests {

  static final int MAX_PARAMETER = 512;
  private static final List<String> BOUNDED = List.of("state", "nonce", "login_hint", "code_challenge");

  private final CachedRegistry registry;
  private final URI endpoint;
  private final Clock clock;

  AuthorizationRequests(CachedRegistry registry, URI endpoint, Clock clock) {
    this.registry = registry;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  /** Fails only when the registry cannot answer who the client is. */
  Future<AuthorizeCheck> check(Map<String, List<String>> parameters) {
    Optional<String> clientId = single(parameters, "client_id").filter(ClientDefinition::isValidClientId);
    if (clientId.isEmpty()) {
      return Future.succeededFuture(refused(AuthorizeRefusal.UNKNOWN_CLIENT, Optional.empty()));
    }
    return registry.clientById(clientId.get()).map(found -> found.isEmpty()
        ? refused(AuthorizeRefusal.UNKNOWN_CLIENT, clientId)
        : checkRedirect(found.get(), parameters));
  }

  private AuthorizeCheck checkRedirect(ClientDescriptor client, Map<String, List<String>> parameters) {
    List<String> given = parameters.getOrDefault("redirect_uri", List.of());
    if (given.isEmpty()) {
      return refused(AuthorizeRefusal.MISSING_REDIRECT_URI, Optional.of(client.clientId()));
    }
    Optional<URI> registered = given.size() == 1
        ? client.redirectUris().stream().filter(uri -> uri.toString().equals(given.get(0))).findFirst()
        : Optional.empty();
    if (registered.isEmpty()) {
      return refused(AuthorizeRefusal.REDIRECT_URI_NOT_REGISTERED, Optional.of(client.clientId()));
    }
    return checkRequest(client, registered.get(), parameters);
  }

  /** The redirect URI is the client's: from here on, the client is told what is wrong. */
  private AuthorizeCheck checkRequest(ClientDescriptor client, URI redirectUri, Map<String, List<String>> parameters) {
    Optional<String> state = single(parameters, "state").filter(value -> value.length() <= MAX_PARAMETER);
    Refusals refuse = new Refusals(client.clientId(), redirectUri, state);
    if (parameters.values().stream().anyMatch(values -> values.size() > 1)) {
      return refuse.with(AuthorizeRefusal.DUPLICATE_PARAMETER);
    }
    if (parameters.containsKey("request")) {
      return refuse.with(AuthorizeRefusal.REQUEST_OBJECT_NOT_SUPPORTED);
    }
    if (parameters.containsKey("request_uri")) {
      return refuse.with(AuthorizeRefusal.REQUEST_URI_NOT_SUPPORTED);
    }
    if (!single(parameters, "response_type").equals(Optional.of("code"))) {
      return refuse.with(AuthorizeRefusal.UNSUPPORTED_RESPONSE_TYPE);
    }
    if (!single(parameters, "response_mode").orElse("query").equals("query")) {
      return refuse.with(AuthorizeRefusal.UNSUPPORTED_RESPONSE_MODE);
    }
    if (!List.of(single(parameters, "scope").orElse("").split(" ")).contains("openid")) {
      return refuse.with(AuthorizeRefusal.OPENID_SCOPE_MISSING);
    }
    if (BOUNDED.stream().anyMatch(name -> single(parameters, name).map(String::length).orElse(0) > MAX_PARAMETER)) {
      return refuse.with(AuthorizeRefusal.PARAMETER_TOO_LONG);
    }
    AuthenticationRequest request;
    try {
      request = AuthenticationRequest.parse(endpoint, parameters);
    } catch (ParseException malformed) {
      return new Refused(AuthorizeRefusal.MALFORMED_REQUEST, Optional.of(client.clientId()), Optional.of(redirectUri),
          state, Optional.ofNullable(malformed.getErrorObject()).map(error -> error.getDescription()));
    } catch (RuntimeException unreadable) {
      return refuse.with(AuthorizeRefusal.MALFORMED_REQUEST);
    }
    if (request.getCodeChallenge() == null) {
      if (client.type() == ClientType.PUBLIC) {
        return refuse.with(AuthorizeRefusal.PKCE_REQUIRED);
      }
    } else if (!CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
      return refuse.with(AuthorizeRefusal.PKCE_METHOD_NOT_SUPPORTED);
    }
    return accepted(client, redirectUri, request);
  }

  private Accepted accepted(ClientDescriptor client, URI redirectUri, AuthenticationRequest request) {
    Prompt prompt = request.getPrompt() == null ? new Prompt() : request.getPrompt();
    PendingAuthorization authorization = new PendingAuthorization(client.clientId(), redirectUri.toString(),
        request.getScope().toString(),
        Optional.ofNullable(request.getState()).map(value -> value.getValue()),
        Optional.ofNullable(request.getNonce()).map(value -> value.getValue()),
        Optional.ofNullable(request.getCodeChallenge()).map(value -> value.getValue()),
        prompt.contains(Prompt.Type.LOGIN) || prompt.contains(Prompt.Type.SELECT_ACCOUNT),
        request.getMaxAge() >= 0 ? Optional.of((long) request.getMaxAge()) : Optional.empty(),
        clock.instant());
    return new Accepted(client, authorization, Optional.ofNullable(request.getLoginHint()).flatMap(EmailAddress::parse),
        prompt.contains(Prompt.Type.NONE));
  }

  private static Refused refused(AuthorizeRefusal refusal, Optional<String> clientId) {
    return new Refused(refusal, clientId, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static Optional<String> single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.getOrDefault(name, List.of());
    return values.size() == 1 && !values.get(0).isEmpty() ? Optional.of(values.get(0)) : Optional.empty();
  }

  /** Refusals told to the client at its redirect URI. */
  private record Refusals(String clientId, URI redirectUri, Optional<String> state) {
    Refused with(AuthorizeRefusal refusal) {
      return new Refused(refusal, Optional.of(clientId), Optional.of(redirectUri), state, Optional.empty());
    }
  }
}
