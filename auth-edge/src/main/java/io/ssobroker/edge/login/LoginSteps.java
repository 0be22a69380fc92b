package io.ssobroker.edge.login;

import io.ssobroker.edge.EdgeAuditTrail;
import io.ssobroker.edge.connector.LoginFailure;
import io.ssobroker.edge.login.LoginFlow.FailedLogin;
import io.ssobroker.edge.login.LoginFlow.Outcome;
import io.ssobroker.edge.session.RecentDirectory;
import io.ssobroker.edge.session.Session;
import io.ssobroker.edge.session.SessionStore;
import io.ssobroker.edge.state.LoginState;
import io.ssobroker.edge.state.StateRejected;
import io.ssobroker.edge.state.StateSealer;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps every protocol shares: open and claim the state, load its connector, and, once the IdP's answer gave an
 * identity, admit the user and create the session; or record the failure. One audit event per login, whatever path.
 */
final class LoginSteps {

  private static final Logger LOG = LoggerFactory.getLogger(LoginFlow.class);

  private final CachedRegistry registry;
  private final UserGate users;
  private final SessionStore sessions;
  private final StateSealer sealer;
  private final EdgeAuditTrail audit;
  private final Duration sessionLifetime;
  private final Clock clock;

  LoginSteps(CachedRegistry registry, RecentDirectory directory, SessionStore sessions, StateSealer sealer,
      EdgeAuditTrail audit, Duration sessionLifetime, Clock clock) {
    this.registry = registry;
    this.users = new UserGate(directory);
    this.sessions = sessions;
    this.sealer = sealer;
    this.audit = audit;
    this.sessionLifetime = sessionLifetime;
    this.clock = clock;
  }

  StateSealer sealer() {
    return sealer;
  }

  EdgeAuditTrail audit() {
    return audit;
  }

  Clock clock() {
    return clock;
  }

  Future<LoginState> openState(Optional<String> token, String browserBinding, LoginAttempt attempt) {
    try {
      attempt.state = sealer.open(token.orElse(null), browserBinding);
      return Future.succeededFuture(attempt.state);
    } catch (StateRejected rejected) {
      return Future.failedFuture(LoginFailure.state(rejected.reason()));
    }
  }

  /** The state's single use across every edge: of two callbacks with one state, the second is {@code replayed}. */
  Future<LoginState> claimState(LoginState state) {
    return sessions.claim(state.stateId(), state.issuedAt().plus(sealer.lifetime()).plusSeconds(60)).map(state);
  }

  Future<ConnectorDescriptor> loadConnector(LoginState state, LoginAttempt attempt,
      Predicate<ConnectorDescriptor> ofThisProtocol) {
    return registry.connectorById(state.connectorId())
        .recover(unavailable -> Future.failedFuture(LoginFailure.session("registry_unavailable")))
        .map(found -> {
          ConnectorDescriptor connector = found
              .filter(c -> c.org().equals(state.org()) && ofThisProtocol.test(c))
              // a login that began before its connector was retired (a switch to a new one) may still finish
              .filter(c -> c.state() == ConnectorState.ACTIVE || c.state() == ConnectorState.TESTING
                  || c.state() == ConnectorState.RETIRED)
              .orElseThrow(() -> LoginFailure.state("connector_unavailable"));
          attempt.connector = connector;
          return connector;
        });
  }

  /** The active connector of an email domain, for a login that has no state to name it. */
  Future<Optional<ConnectorDescriptor>> activeConnectorForDomain(String domain) {
    return registry.activeConnectorForDomain(domain)
        .recover(unavailable -> Future.failedFuture(LoginFailure.session("registry_unavailable")));
  }

  /** {@code admitTester -> admitUser -> createSession}, then where the browser goes. */
  Future<Outcome> admitAndCreateSession(LoginAttempt attempt, ConnectorDescriptor connector, MappedIdentity identity,
      ReturnTargets targets) {
    Optional<String> returnTo = attempt.state == null ? Optional.empty() : attempt.state.returnTo();
    return admitTester(connector, identity, returnTo)
        .compose(admitted -> users.admit(admitted.email(), connector))
        .compose(user -> createSession(attempt, connector, identity, user))
        .compose(created -> targets.forLogin(returnTo, connector)
            .map(location -> new Outcome(location, Optional.of(created.cookieValue()), Optional.empty())));
  }

  /** A connector in the testing state serves /test-app logins of its listed testers, nobody else. */
  private static Future<MappedIdentity> admitTester(ConnectorDescriptor connector, MappedIdentity identity,
      Optional<String> returnTo) {
    if (connector.state() != ConnectorState.TESTING) {
      return Future.succeededFuture(identity);
    }
    if (!ReturnTargets.TEST_APP.equals(returnTo.orElse(null))) {
      return Future.failedFuture(LoginFailure.userNotAllowed("testing_outside_test_app"));
    }
    return connector.admitsTester(identity.email().value())
        ? Future.succeededFuture(identity)
        : Future.failedFuture(LoginFailure.userNotAllowed("not_a_tester"));
  }

  private Future<SessionStore.Created> createSession(LoginAttempt attempt, ConnectorDescriptor connector,
      MappedIdentity identity, DirectoryUser user) {
    attempt.userId = user.id().toString();
    Instant now = clock.instant();
    Session session = new Session(user.id(), user.email(), identity.name().orElse(user.name()), user.org(),
        connector.id(), connector.kind().value(), now, now.plus(sessionLifetime));
    AuditEvent succeeded = attempt.event(AuditEvent.LOGIN_SUCCEEDED).build();
    return sessions.create(session, succeeded).onSuccess(created -> audit.committed());
  }

  /** Records the failure and ends the login with it. */
  Future<Outcome> failed(LoginAttempt attempt, Throwable cause) {
    LoginFailure failure = cause instanceof LoginFailure known ? known
        : cause instanceof DefinitionException invalid ? LoginFailure.codeExchange("connector_invalid", invalid)
        : LoginFailure.session("internal_error", cause);
    AuditEvent event = attempt.event(AuditEvent.LOGIN_FAILED).failure(failure.category(), failure.reason()).build();
    if (failure.getCause() != null) {
      LOG.warn("login failed: {}/{} org={} connector={} reference={}: {}", failure.category().code(), failure.reason(),
          event.org().orElse("-"), event.connectorId().orElse("-"), event.id(), failure.getCause().toString());
    } else {
      LOG.info("login failed: {}/{} org={} connector={} reference={}", failure.category().code(), failure.reason(),
          event.org().orElse("-"), event.connectorId().orElse("-"), event.id());
    }
    return audit.record(event).recover(lost -> Future.succeededFuture())
        .compose(recorded -> Future.failedFuture(new FailedLogin(failure, event.id().toString())));
  }
}
