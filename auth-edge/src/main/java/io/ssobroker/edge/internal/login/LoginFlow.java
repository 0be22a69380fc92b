package io.ssobroker.edge.internal.login;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.EdgeAuditTrail;
import io.ssobroker.edge.internal.connector.CallbackParameters;
import io.ssobroker.edge.internal.connector.Connector;
import io.ssobroker.edge.internal.connector.Connectors;
import io.ssobroker.edge.internal.connector.Identity;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.connector.LoginSecrets;
import io.ssobroker.edge.internal.connector.PostConnector;
import io.ssobroker.edge.internal.connector.RedirectConnector;
import io.ssobroker.edge.internal.connector.UnsolicitedPosts;
import io.ssobroker.edge.internal.login.LoginProgress.Admitted;
import io.ssobroker.edge.internal.login.LoginProgress.Authenticated;
import io.ssobroker.edge.internal.login.LoginProgress.ConnectorLoaded;
import io.ssobroker.edge.internal.login.LoginProgress.Received;
import io.ssobroker.edge.internal.login.LoginProgress.SessionCreated;
import io.ssobroker.edge.internal.login.LoginProgress.Starting;
import io.ssobroker.edge.internal.login.LoginProgress.StateOpened;
import io.ssobroker.edge.internal.session.Session;
import io.ssobroker.edge.internal.session.SessionStore;
import io.ssobroker.edge.internal.state.LoginState;
import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.ssobroker.edge.internal.state.StateRejected;
import io.ssobroker.edge.internal.state.StateSealer;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.TimeOrderedIds;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login from start to session, for every protocol. Begin: {@code openConnector -> redirectToIdp -> recordStart}.
 * Complete, from the IdP's callback or posted response: {@code openState -> claimState -> loadConnector ->
 * authenticate (the connector) -> admitUser -> createSession -> recordOutcome}. Each step builds on what the one
 * before knew ({@link LoginProgress}) and either passes or stops the login with one reason; every login records
 * exactly one outcome event, and answers a {@link LoginOutcome}, never a failed future.
 */
public final class LoginFlow {

  private static final Logger LOG = LoggerFactory.getLogger(LoginFlow.class);
  /** A login that began before its connector was retired (a switch to a new one) may still finish. */
  private static final Set<ConnectorState> SERVING_LOGINS_IN_FLIGHT =
      Set.of(ConnectorState.ACTIVE, ConnectorState.TESTING, ConnectorState.RETIRED);

  /** How a connector of this protocol completes a login from the IdP's answer. */
  @FunctionalInterface
  private interface Completion<C extends Connector> {
    Future<Identity> complete(C connector, Optional<LoginSecrets> secrets);
  }

  /** A step that failed, with what the login knew before it. */
  private static final class Stopped extends RuntimeException {
    private final LoginProgress known;

    Stopped(LoginProgress known, Throwable cause) {
      super(null, cause, false, false);
      this.known = known;
    }
  }

  private final Connectors connectors;
  private final UnsolicitedPosts unsolicitedPosts;
  private final CachedRegistry registry;
  private final UserGate users;
  private final SessionStore sessions;
  private final StateSealer sealer;
  private final EdgeAuditTrail audit;
  private final ReturnTargets returnTargets;
  private final ProductAuthorizations products;
  private final Duration sessionLifetime;
  private final Clock clock;

  public LoginFlow(Connectors connectors, UnsolicitedPosts unsolicitedPosts, CachedRegistry registry, UserGate users,
      SessionStore sessions, StateSealer sealer, EdgeAuditTrail audit, ReturnTargets returnTargets,
      ProductAuthorizations products, Duration sessionLifetime, Clock clock) {
    this.connectors = connectors;
    this.unsolicitedPosts = unsolicitedPosts;
    this.registry = registry;
    this.users = users;
    this.sessions = sessions;
    this.sealer = sealer;
    this.audit = audit;
    this.returnTargets = returnTargets;
    this.products = products;
    this.sessionLifetime = sessionLifetime;
    this.clock = clock;
  }

  /**
   * Begins a login with this connector: the IdP's sign-in URL, once {@code login.started} is stored. The login ends at
   * {@code returnTo} (checked by the caller), or with a code for the product whose authorization request it answers.
   */
  public Future<LoginOutcome> begin(ConnectorDescriptor descriptor, Optional<EmailAddress> loginHint,
      Optional<String> returnTo, Optional<PendingAuthorization> authorization, String browserBinding,
      ClientInfo client) {
    Starting starting = new Starting(client, descriptor, loginHint, returnTo, authorization);
    return step(starting, () -> Future.succeededFuture(connectors.open(descriptor)))
        .compose(connector -> redirectToIdp(starting, connector, browserBinding))
        .compose(location -> recordStart(starting, location))
        .recover(failure -> failed(starting, failure));
  }

  /** Completes a login from the IdP's callback (OpenID Connect). */
  public Future<LoginOutcome> callback(CallbackParameters callback, String browserBinding, ClientInfo client) {
    Completion<RedirectConnector> fromCallback = (connector, secrets) -> connector.complete(callback, secrets.get());
    return complete(new Received(client), callback.state(), browserBinding, RedirectConnector.class, fromCallback);
  }

  /** Completes a login from the IdP's posted response (SAML); one without RelayState is IdP-initiated. */
  public Future<LoginOutcome> assertionConsumer(Optional<String> postedResponse, Optional<String> relayState,
      String browserBinding, ClientInfo client) {
    Received received = new Received(client);
    if (relayState.isEmpty()) {
      return unsolicited(received, postedResponse);
    }
    Completion<PostConnector> fromPost = (connector, secrets) -> connector.complete(postedResponse, secrets.get());
    return complete(received, relayState, browserBinding, PostConnector.class, fromPost);
  }

  /** A post larger than the ACS reads: a failed login before anything in it was looked at. */
  public Future<LoginOutcome> refusedAsTooLarge(ClientInfo client) {
    return failed(new Received(client), LoginFailure.of(LoginReason.TOO_LARGE));
  }

  private <C extends Connector> Future<LoginOutcome> complete(Received received, Optional<String> sealedState,
      String browserBinding, Class<C> protocol, Completion<C> completion) {
    return openState(received, sealedState, browserBinding)
        .compose(this::claimState)
        .compose(opened -> loadConnector(opened, protocol))
        .compose(loaded -> authenticate(loaded, completion))
        .compose(this::admitUser)
        .compose(this::createSession)
        .transform(result -> recordOutcome(received, result));
  }

  /**
   * A posted response that answers no login has no state: it is routed to the active connector of the domain of the
   * user it claims (unverified), which must allow IdP-initiated logins and then verifies it in full. Without a state
   * there is no browser binding (the reason it is opt-in) and no return_to; the assertion ID's single use stops replays.
   */
  private Future<LoginOutcome> unsolicited(Received received, Optional<String> postedResponse) {
    Completion<PostConnector> unsolicited = (connector, none) -> connector.completeUnsolicited(postedResponse);
    return routeUnsolicited(received, postedResponse)
        .compose(loaded -> authenticate(loaded, unsolicited))
        .compose(this::admitUser)
        .compose(this::createSession)
        .transform(result -> recordOutcome(received, result));
  }

  private Future<String> redirectToIdp(Starting starting, Connector connector, String browserBinding) {
    LoginSecrets secrets = connector.newSecrets();
    LoginState state = new LoginState(TimeOrderedIds.next(), starting.connector().org(), starting.connector().id(),
        secrets.nonce(), secrets.pkceVerifier(), starting.returnTo(), clock.instant(), browserBinding,
        starting.authorization());
    return step(starting, () -> connector.begin(secrets, sealer.seal(state), starting.loginHint()).map(Object::toString));
  }

  private Future<LoginOutcome> recordStart(Starting starting, String location) {
    return step(starting, () -> audit.record(starting.event(AuditEvent.LOGIN_STARTED).build())
        .map(stored -> new LoginOutcome.ToIdp(location)));
  }

  private Future<StateOpened> openState(Received received, Optional<String> sealedState, String browserBinding) {
    return step(received, () -> {
      try {
        return Future.succeededFuture(new StateOpened(received.client(), sealer.open(sealedState.orElse(null),
            browserBinding)));
      } catch (StateRejected rejected) {
        return Future.failedFuture(LoginFailure.of(rejected.reason()));
      }
    });
  }

  /** The state's single use across every edge: of two answers with one state, the second is {@code replayed}. */
  private Future<StateOpened> claimState(StateOpened opened) {
    LoginState state = opened.state();
    return step(opened, () -> sessions.claim(state.stateId(), state.issuedAt().plus(sealer.lifetime()).plusSeconds(60))
        .map(opened));
  }

  /** The state's connector, which must still serve its org's logins and speak the protocol of the IdP's answer. */
  private <C extends Connector> Future<ConnectorLoaded<C>> loadConnector(StateOpened opened, Class<C> protocol) {
    LoginState state = opened.state();
    return step(opened, () -> registry.connectorById(state.connectorId())
        .recover(unavailable -> Future.failedFuture(LoginFailure.of(LoginReason.REGISTRY_UNAVAILABLE)))
        .map(found -> found
            .filter(descriptor -> descriptor.org().equals(state.org())
                && SERVING_LOGINS_IN_FLIGHT.contains(descriptor.state()))
            .map(connectors::open)
            .filter(protocol::isInstance)
            .map(connector -> new ConnectorLoaded<>(opened.client(), Optional.of(state), protocol.cast(connector)))
            .orElseThrow(() -> LoginFailure.of(LoginReason.CONNECTOR_UNAVAILABLE))));
  }

  private Future<ConnectorLoaded<PostConnector>> routeUnsolicited(Received received, Optional<String> postedResponse) {
    return step(received, () -> unsolicitedPosts.claimedUser(postedResponse)
        .compose(claimed -> claimed.isEmpty()
            ? Future.failedFuture(LoginFailure.of(LoginReason.UNSOLICITED_RESPONSE))
            : registry.activeConnectorForDomain(claimed.get().domain())
                .recover(unavailable -> Future.failedFuture(LoginFailure.of(LoginReason.REGISTRY_UNAVAILABLE))))
        .map(found -> found
            .map(connectors::open)
            .filter(PostConnector.class::isInstance)
            .map(connector -> new ConnectorLoaded<>(received.client(), Optional.empty(), (PostConnector) connector))
            .orElseThrow(() -> LoginFailure.of(LoginReason.UNSOLICITED_RESPONSE))));
  }

  private <C extends Connector> Future<Authenticated> authenticate(ConnectorLoaded<C> loaded, Completion<C> completion) {
    return step(loaded, () -> completion.complete(loaded.connector(), loaded.secrets())
        .map(identity -> new Authenticated(loaded, identity)));
  }

  /**
   * {@code admitTester -> admitUser -> admitToProduct}: no provisioning, the directory decides, and a login for a
   * product ends only where that product admits the user's org.
   */
  private Future<Admitted> admitUser(Authenticated authenticated) {
    ConnectorDescriptor connector = authenticated.connector();
    ConnectorLoaded<?> loaded = authenticated.loaded();
    return step(authenticated, () -> admitTester(connector, authenticated.identity(), loaded)
        .compose(tester -> users.admit(authenticated.identity().email(), connector))
        .compose(user -> loaded.authorization().map(pending -> products.admit(pending, user.org()))
            .orElse(Future.succeededFuture()).map(user))
        .map(user -> new Admitted(authenticated, user)));
  }

  /**
   * A connector in the testing state serves the logins of its listed testers through the test application (a
   * {@code return_to} of /test-app, or the test application's authorization request), nobody else's.
   */
  private static Future<Void> admitTester(ConnectorDescriptor connector, Identity identity, ConnectorLoaded<?> loaded) {
    if (connector.state() != ConnectorState.TESTING) {
      return Future.succeededFuture();
    }
    boolean throughTestApp = ReturnTargets.TEST_APP.equals(loaded.returnTo().orElse(null))
        || loaded.authorization().map(pending -> pending.clientId().equals(ClientDefinition.TEST_APP_CLIENT_ID))
            .orElse(false);
    if (!throughTestApp) {
      return Future.failedFuture(LoginFailure.of(LoginReason.TESTING_OUTSIDE_TEST_APP));
    }
    return connector.admitsTester(identity.email().value())
        ? Future.succeededFuture() : Future.failedFuture(LoginFailure.of(LoginReason.NOT_A_TESTER));
  }

  /** The session and its {@code login.succeeded} event, in one statement; then where the browser goes. */
  private Future<SessionCreated> createSession(Admitted admitted) {
    Authenticated authenticated = admitted.authenticated();
    ConnectorDescriptor connector = authenticated.connector();
    Instant now = clock.instant();
    Session session = new Session(UUID.randomUUID(), admitted.user().id(), admitted.user().email(),
        authenticated.identity().name().orElse(admitted.user().name()), admitted.user().org(), connector.id(),
        connector.kind().value(), now, now.plus(sessionLifetime));
    Optional<PendingAuthorization> authorization = authenticated.loaded().authorization();
    return step(admitted, () -> sessions.create(session, admitted.event(AuditEvent.LOGIN_SUCCEEDED).build())
        .compose(created -> (authorization.isPresent() ? products.issueCode(authorization.get(), session)
                : returnTargets.forLogin(authenticated.loaded().returnTo(), connector))
            .map(location -> new SessionCreated(admitted, created.cookieValue(), location))));
  }

  private Future<LoginOutcome> recordOutcome(Received received, AsyncResult<SessionCreated> result) {
    if (result.succeeded()) {
      audit.committed();
      return Future.succeededFuture(new LoginOutcome.SignedIn(result.result().location(),
          result.result().sessionCookie()));
    }
    return failed(received, result.cause());
  }

  /** Records the failure's one event, from what the login knew when it stopped, and ends the login with it. */
  private Future<LoginOutcome> failed(LoginProgress fallback, Throwable failure) {
    LoginProgress known = failure instanceof Stopped stopped ? stopped.known : fallback;
    Throwable cause = failure instanceof Stopped stopped ? stopped.getCause() : failure;
    LoginFailure refused = cause instanceof LoginFailure login ? login : LoginFailure.of(LoginReason.INTERNAL_ERROR, cause);
    AuditEvent.Builder builder = known.event(AuditEvent.LOGIN_FAILED)
        .failure(refused.category(), refused.reason().code());
    refused.subject().ifPresent(builder::subject);
    refused.email().ifPresent(builder::email);
    AuditEvent event = builder.build();
    if (refused.getCause() != null) {
      LOG.warn("login failed: {}/{} org={} connector={} reference={}: {}", refused.category().code(),
          refused.reason().code(), event.org().orElse("-"), event.connectorId().orElse("-"), event.id(),
          refused.getCause().toString());
    } else {
      LOG.info("login failed: {}/{} org={} connector={} reference={}", refused.category().code(),
          refused.reason().code(), event.org().orElse("-"), event.connectorId().orElse("-"), event.id());
    }
    return audit.record(event).recover(lost -> Future.succeededFuture())
        .map(recorded -> new LoginOutcome.Failed(refused.reason(), event.id().toString(), known.destination(),
            event.org()));
  }

  /** Runs a step; a failure, thrown or in its future, stops the login at what {@code known} says. */
  private static <T> Future<T> step(LoginProgress known, Supplier<Future<T>> step) {
    Future<T> running;
    try {
      running = step.get();
    } catch (RuntimeException thrown) {
      running = Future.failedFuture(thrown);
    }
    return running.recover(failure -> Future.failedFuture(failure instanceof Stopped ? failure
        : new Stopped(known, failure)));
  }
}
