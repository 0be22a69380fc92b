package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import io.ssobroker.edge.internal.EdgeAuditTrail;
import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.edge.internal.provider.AuthorizeCheck.Accepted;
import io.ssobroker.edge.internal.provider.AuthorizeCheck.Refused;
import io.ssobroker.edge.internal.session.ActiveSessions;
import io.ssobroker.edge.internal.session.Session;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.registry.ConnectorState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization endpoint's decision: {@code check -> findSession -> (issue at once | sign in first | refuse)}. A
 * browser whose broker session satisfies the request gets its code with no IdP round trip (single sign-on across
 * products), unless {@code prompt=login} or {@code max_age} asks for a fresh login; {@code prompt=none} never shows a
 * page. Every refusal records one {@code authorize.failed} event.
 */
public final class Authorizations {

  private static final Logger LOG = LoggerFactory.getLogger(Authorizations.class);
  private static final int MAX_REDIRECT_IN_EVENT = 512;

  private final AuthorizationRequests requests;
  private final ActiveSessions sessions;
  private final CachedRegistry registry;
  private final ProductLogins products;
  private final EdgeAuditTrail audit;
  private final Issuer issuer;
  private final Clock clock;

  Authorizations(AuthorizationRequests requests, ActiveSessions sessions, CachedRegistry registry,
      ProductLogins products, EdgeAuditTrail audit, Issuer issuer, Clock clock) {
    this.requests = requests;
    this.sessions = sessions;
    this.registry = registry;
    this.products = products;
    this.audit = audit;
    this.issuer = issuer;
    this.clock = clock;
  }

  /** Fails only when a service it needs cannot answer (the registry, the session store). */
  public Future<AuthorizeOutcome> authorize(Map<String, List<String>> parameters, Optional<String> sessionCookie,
      ClientInfo caller) {
    return requests.check(parameters).compose(check -> {
      if (check instanceof Refused refused) {
        return refuse(refused, Optional.empty(), parameters, caller);
      }
      Accepted accepted = (Accepted) check;
      return usableSession(accepted, sessionCookie).compose(session -> decide(accepted, session, parameters, caller));
    });
  }

  private Future<AuthorizeOutcome> decide(Accepted accepted, Optional<Session> session,
      Map<String, List<String>> parameters, ClientInfo caller) {
    if (session.isPresent()) {
      if (!accepted.client().allowsOrg(session.get().org())) {
        return refuse(refusalAt(accepted, AuthorizeRefusal.ORG_NOT_ALLOWED_FOR_CLIENT), session, parameters, caller);
      }
      return products.issueCode(accepted.authorization(), session.get()).map(AuthorizeOutcome.Redirect::new);
    }
    if (accepted.promptNone()) {
      return refuse(refusalAt(accepted, AuthorizeRefusal.LOGIN_REQUIRED), Optional.empty(), parameters, caller);
    }
    return Future.succeededFuture(new AuthorizeOutcome.SignIn(accepted.authorization(), accepted.loginHint()));
  }

  /**
   * The browser's broker session, if it serves this request: not when a fresh login is asked for ({@code
   * prompt=login}, or a {@code max_age} the session is older than), and not a session of a connector still in testing,
   * which serves the test application only.
   */
  private Future<Optional<Session>> usableSession(Accepted accepted, Optional<String> sessionCookie) {
    if (sessionCookie.isEmpty() || accepted.authorization().forceLogin()) {
      return Future.succeededFuture(Optional.empty());
    }
    return sessions.find(sessionCookie.get()).compose(found -> {
      Optional<Session> fresh = found.filter(session -> accepted.authorization().maxAge()
          .map(maxAge -> !session.authenticatedAt().plus(Duration.ofSeconds(maxAge)).isBefore(clock.instant()))
          .orElse(true));
      if (fresh.isEmpty() || accepted.client().clientId().equals(ClientDefinition.TEST_APP_CLIENT_ID)) {
        return Future.succeededFuture(fresh);
      }
      return registry.connectorById(fresh.get().connectorId()).map(connector -> connector
          .filter(descriptor -> descriptor.state() == ConnectorState.TESTING).isPresent() ? Optional.empty() : fresh);
    });
  }

  private static Refused refusalAt(Accepted accepted, AuthorizeRefusal refusal) {
    return new Refused(refusal, Optional.of(accepted.client().clientId()),
        Optional.of(java.net.URI.create(accepted.authorization().redirectUri())), accepted.authorization().state(),
        Optional.empty());
  }

  private Future<AuthorizeOutcome> refuse(Refused refused, Optional<Session> session,
      Map<String, List<String>> parameters, ClientInfo caller) {
    AuditEvent event = event(refused, session, parameters, caller);
    LOG.info("authorization refused: {} client={} reference={}", refused.refusal().code(),
        refused.clientId().orElse("-"), event.id());
    return audit.record(event).recover(lost -> Future.succeededFuture()).map(recorded -> {
      if (refused.redirectUri().isEmpty()) {
        return new AuthorizeOutcome.ErrorPage(refused.refusal(), event.id().toString());
      }
      ErrorObject error = refused.detail().map(detail -> refused.refusal().error().setDescription(
          ErrorObject.removeIllegalChars(detail))).orElse(refused.refusal().error());
      return new AuthorizeOutcome.Redirect(new AuthorizationErrorResponse(refused.redirectUri().get(), error,
          refused.state().map(State::new).orElse(null), issuer, ResponseMode.QUERY).toURI().toString());
    });
  }

  private static AuditEvent event(Refused refused, Optional<Session> session, Map<String, List<String>> parameters,
      ClientInfo caller) {
    JsonObject details = new JsonObject();
    refused.clientId().ifPresent(id -> details.put("clientId", id));
    if (refused.refusal() == AuthorizeRefusal.REDIRECT_URI_NOT_REGISTERED) {
      parameters.getOrDefault("redirect_uri", List.of()).stream().findFirst()
          .map(given -> given.length() > MAX_REDIRECT_IN_EVENT ? given.substring(0, MAX_REDIRECT_IN_EVENT) : given)
          .ifPresent(given -> details.put("redirectUri", given));
    }
    AuditEvent.Builder builder = AuditEvent.builder(AuditEvent.AUTHORIZE_FAILED)
        .reason(refused.refusal().code())
        .client(caller.ip(), caller.userAgent())
        .correlationId(caller.correlationId())
        .details(details);
    session.ifPresent(known -> builder.org(known.org()).email(known.email()).userId(known.userId().toString())
        .connector(known.connectorId().toString(), known.kind()));
    return builder.build();
  }
}
