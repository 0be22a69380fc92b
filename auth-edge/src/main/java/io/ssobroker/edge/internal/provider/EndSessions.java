package io.ssobroker.edge.internal.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.edge.internal.session.SessionEndTrigger;
import io.ssobroker.edge.internal.session.SessionEndings;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.vertx.core.Future;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The end-session endpoint (OpenID Connect RP-Initiated Logout 1.0): {@code parse -> checkHint -> checkClient ->
 * checkRedirect -> end}. A request with a valid {@code id_token_hint} signs the browser out at once; one without is
 * first confirmed by the user (a form the broker's own page posts back), so that no other site can sign a user out
 * by sending the browser here. The browser goes back to the client only to one of its registered {@code
 * postLogoutRedirectUris}, exactly; otherwise the broker shows that the user is signed out.
 */
public final class EndSessions {

  /** How an end-session request ends, for the route to answer. */
  public sealed interface Outcome {
    /** Signed out; the browser goes to {@code redirect} (with {@code state}) or sees the broker's page. */
    record SignedOut(Optional<URI> redirect) implements Outcome {}

    /** No hint: the user confirms first, with a form that posts these fields back. */
    record Confirm(Map<String, String> fields) implements Outcome {}

    /** A request the broker will not act on; never a redirect. */
    record Refused(Refusal refusal) implements Outcome {}
  }

  /** Why a sign-out request is refused: the page tells the user, in their language, by the stable code. */
  public enum Refusal {
    MALFORMED("malformed"),
    FOREIGN_HINT("foreign_id_token_hint"),
    CLIENT_NOT_AUDIENCE("client_not_audience"),
    REDIRECT_WITHOUT_CLIENT("redirect_without_client"),
    UNKNOWN_CLIENT("unknown_client"),
    REDIRECT_NOT_REGISTERED("redirect_not_registered");

    private final String code;

    Refusal(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** What a valid ID token hint says. */
  private record Hint(String clientId, Optional<UUID> sid) {}

  private final Issuer issuer;
  private final ProviderKeys keys;
  private final CachedRegistry registry;
  private final SessionEndings endings;

  EndSessions(Issuer issuer, ProviderKeys keys, CachedRegistry registry, SessionEndings endings) {
    this.issuer = issuer;
    this.keys = keys;
    this.registry = registry;
    this.endings = endings;
  }

  /** {@code confirmed}: the user posted the broker's confirmation form. */
  public Future<Outcome> endSession(Map<String, List<String>> parameters, Optional<String> cookie, boolean confirmed,
      ClientInfo caller) {
    LogoutRequest request;
    try {
      request = LogoutRequest.parse(parameters);
    } catch (ParseException malformed) {
      return refused(Refusal.MALFORMED);
    }
    Optional<Hint> hint = Optional.empty();
    if (request.getIDTokenHint() != null) {
      hint = hint(request.getIDTokenHint());
      if (hint.isEmpty()) {
        return refused(Refusal.FOREIGN_HINT);
      }
    }
    Optional<String> named = Optional.ofNullable(request.getClientID()).map(id -> id.getValue());
    if (hint.isPresent() && named.isPresent() && !named.get().equals(hint.get().clientId())) {
      return refused(Refusal.CLIENT_NOT_AUDIENCE);
    }
    Optional<String> clientId = hint.map(Hint::clientId).or(() -> named);
    Optional<URI> redirect = Optional.ofNullable(request.getPostLogoutRedirectionURI());
    if (redirect.isPresent() && clientId.isEmpty()) {
      return refused(Refusal.REDIRECT_WITHOUT_CLIENT);
    }
    Optional<Hint> knownHint = hint;
    return client(clientId).compose(client -> {
      if (clientId.isPresent() && client.isEmpty()) {
        return refused(Refusal.UNKNOWN_CLIENT);
      }
      if (redirect.isPresent() && !client.get().postLogoutRedirectUris().contains(redirect.get())) {
        return refused(Refusal.REDIRECT_NOT_REGISTERED);
      }
      if (knownHint.isEmpty() && !confirmed) {
        return Future.succeededFuture(new Outcome.Confirm(confirmationFields(parameters)));
      }
      Optional<URI> back = redirect.map(uri -> withState(uri, Optional.ofNullable(request.getState())
          .map(state -> state.getValue())));
      return end(cookie, knownHint.flatMap(Hint::sid), clientId, caller)
          .map(done -> (Outcome) new Outcome.SignedOut(back));
    });
  }

  /** The browser's session, and the session the hint names when that is another one. */
  private Future<Void> end(Optional<String> cookie, Optional<UUID> hintedSid, Optional<String> clientId,
      ClientInfo caller) {
    Future<Optional<UUID>> ended = cookie.isEmpty() ? Future.succeededFuture(Optional.empty())
        : endings.byCookie(cookie.get(), SessionEndTrigger.PRODUCT_LOGOUT, clientId, caller)
            .map(found -> found.map(one -> one.session().sid()));
    return ended.compose(browserSid -> hintedSid.isEmpty() || hintedSid.equals(browserSid)
        ? Future.succeededFuture()
        : endings.bySid(hintedSid.get(), SessionEndTrigger.PRODUCT_LOGOUT, clientId, caller).mapEmpty());
  }

  private Future<Optional<ClientDescriptor>> client(Optional<String> clientId) {
    if (clientId.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return ClientDefinition.isValidClientId(clientId.get()) ? registry.clientById(clientId.get())
        : Future.succeededFuture(Optional.empty());
  }

  /** An ID token this provider signed; expired ones too (a hint is often older than its token's lifetime). */
  private Optional<Hint> hint(JWT token) {
    try {
      if (!(token instanceof SignedJWT jwt) || jwt.getHeader().getKeyID() == null
          || (jwt.getHeader().getType() != null && !JOSEObjectType.JWT.equals(jwt.getHeader().getType()))) {
        return Optional.empty();
      }
      Optional<JWSVerifier> verifier = keys.verifier(jwt.getHeader().getKeyID());
      if (verifier.isEmpty() || !jwt.verify(verifier.get())) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if (!issuer.getValue().equals(claims.getIssuer()) || claims.getAudience() == null
          || claims.getAudience().size() != 1) {
        return Optional.empty();
      }
      Optional<UUID> sid = Optional.ofNullable(claims.getStringClaim("sid")).map(UUID::fromString);
      return Optional.of(new Hint(claims.getAudience().get(0), sid));
    } catch (JOSEException | java.text.ParseException | IllegalArgumentException unusable) {
      return Optional.empty();
    }
  }

  /** The request's own parameters, single-valued, for the confirmation form to post back. */
  private static Map<String, String> confirmationFields(Map<String, List<String>> parameters) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (String name : List.of("client_id", "post_logout_redirect_uri", "state")) {
      List<String> values = parameters.get(name);
      if (values != null && values.size() == 1) {
        fields.put(name, values.get(0));
      }
    }
    return fields;
  }

  private static URI withState(URI uri, Optional<String> state) {
    if (state.isEmpty()) {
      return uri;
    }
    String separator = uri.getRawQuery() == null ? "?" : "&";
    return URI.create(uri + separator + "state=" + URLEncoder.encode(state.get(), StandardCharsets.UTF_8));
  }

  private static Future<Outcome> refused(Refusal refusal) {
    return Future.succeededFuture(new Outcome.Refused(refusal));
  }
}
