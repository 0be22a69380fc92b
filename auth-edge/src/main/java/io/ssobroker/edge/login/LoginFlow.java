package io.ssobroker.edge.login;

import io.ssobroker.platform.Tokens;
import io.ssobroker.edge.EdgeAuditTrail;
import io.ssobroker.edge.LoginFailure;
import io.ssobroker.edge.oidc.AuthorizationRedirect;
import io.ssobroker.edge.oidc.IdTokenVerifier;
import io.ssobroker.edge.oidc.OidcProviders;
import io.ssobroker.edge.oidc.ProviderMetadata;
import io.ssobroker.edge.oidc.TokenExchange;
import io.ssobroker.edge.session.Session;
import io.ssobroker.edge.session.SessionStore;
import io.ssobroker.edge.state.LoginState;
import io.ssobroker.edge.state.StateRejected;
import io.ssobroker.edge.state.StateSealer;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login from start to session, for the OpenID Connect kinds. Start: seal a state and send the browser to the IdP.
 * Callback: {@code openState -> claimState -> loadConnector -> checkIssuerParameter -> exchangeCode -> verifyIdToken
 * -> mapClaims -> admitUser -> createSession}. Each step either passes or fails the login with one category and reason;
 * every outcome records exactly one audit event.
 */
public final class LoginFlow {

  /** Where the browser goes next, and the cookie value of the session when one was created. */
  public record Outcome(String location, Optional<String> sessionCookie, Optional<String> failureReference) {}

  private static final Logger LOG = LoggerFactory.getLogger(LoginFlow.class);

  private final CachedRegistry registry;
  private final OidcProviders providers;
  private final TokenExchange tokens;
  private final IdTokenVerifier idTokens;
  private final UserGate users;
  private final SessionStore sessions;
  private final StateSealer sealer;
  private final EdgeAuditTrail audit;
  private final URI redirectUri;
  private final Duration sessionLifetime;
  private final Clock clock;

  public LoginFlow(CachedRegistry registry, OidcProviders providers, TokenExchange tokens, IdTokenVerifier idTokens,
      io.ssobroker.platform.directory.DirectoryClient directory, SessionStore sessions, StateSealer sealer,
      EdgeAuditTrail audit, URI publicBaseUrl, Duration sessionLifetime, Clock clock) {
    this.registry = registry;
    this.providers = providers;
    this.tokens = tokens;
    this.idTokens = idTokens;
    this.users = new UserGate(directory);
    this.sessions = sessions;
    this.sealer = sealer;
    this.audit = audit;
    this.redirectUri = URI.create(publicBaseUrl + "/login/callback");
    this.sessionLifetime = sessionLifetime;
    this.clock = clock;
  }

  public URI redirectUri() {
    return redirectUri;
  }

  /**
   * Begins a login with this connector: the IdP's authorization URL, after {@code login.started} is stored. A failure
   * before the browser leaves (IdP discovery down or misconfigured) ends the login with its event.
   */
  public Future<Outcome> start(ConnectorDescriptor connector, Optional<EmailAddress> loginHint,
      Optional<String> returnTo, String browserBinding, ClientInfo client) {
    LoginAttempt attempt = new LoginAttempt(client.ip(), client.userAgent(), client.correlationId());
    attempt.connector = connector;
    attempt.email = loginHint.map(EmailAddress::value).orElse(null);
    OidcClientSettings settings = (OidcClientSettings) connector.settings();
    return providers.metadata(settings).compose(provider -> {
      LoginState state = new LoginState(UUID.randomUUID(), connector.org(), connector.id(), Tokens.random(),
          Tokens.random(), returnTo, clock.instant(), browserBinding);
      attempt.state = state;
      String location = AuthorizationRedirect.url(provider, settings, redirectUri, sealer.seal(state), state.nonce(),
          state.pkceVerifier(), loginHint.map(EmailAddress::value));
      return audit.record(attempt.event(AuditEvent.LOGIN_STARTED).build())
          .map(stored -> new Outcome(location, Optional.empty(), Optional.empty()));
    }).recover(failure -> failed(attempt, failure));
  }

  /** Completes a login from the IdP's callback. Never fails: a failed login is an outcome with its error reference. */
  public Future<Outcome> callback(CallbackParameters parameters, String browserBinding, ClientInfo client,
      ReturnTargets targets) {
    LoginAttempt attempt = new LoginAttempt(client.ip(), client.userAgent(), client.correlationId());
    return openState(parameters, browserBinding, attempt)
        .compose(state -> sessions.claim(state.stateId(), stateKeepUntil(state)).map(state))
        .compose(state -> loadConnector(state, attempt))
        .compose(connector -> {
          OidcClientSettings settings = (OidcClientSettings) connector.settings();
          return providers.metadata(settings)
              .compose(provider -> checkIssuerParameter(parameters, provider))
              .compose(provider -> exchangeCode(parameters, provider, settings, attempt.state)
                  .compose(idToken -> idTokens.verify(idToken, settings, provider, attempt.state.nonce())))
              .map(verified -> {
                attempt.subject = verified.subject();
                MappedIdentity identity = ClaimMapper.map(verified, connector.claimMapping(), settings);
                attempt.email = identity.email().value();
                return identity;
              })
              .compose(identity -> admitTester(connector, identity, attempt.state))
              .compose(identity -> users.admit(identity.email(), connector)
                  .compose(user -> createSession(attempt, connector, identity, user)));
        })
        .compose(created -> targets.forLogin(attempt.state, attempt.connector)
            .map(location -> new Outcome(location, Optional.of(created.cookieValue()), Optional.empty())))
        .recover(failure -> failed(attempt, failure));
  }

  private Future<LoginState> openState(CallbackParameters parameters, String browserBinding, LoginAttempt attempt) {
    try {
      attempt.state = sealer.open(parameters.state().orElse(null), browserBinding);
      return Future.succeededFuture(attempt.state);
    } catch (StateRejected rejected) {
      return Future.failedFuture(LoginFailure.state(rejected.reason()));
    }
  }

  private Future<ConnectorDescriptor> loadConnector(LoginState state, LoginAttempt attempt) {
    return registry.connectorById(state.connectorId())
        .recover(unavailable -> Future.failedFuture(LoginFailure.session("registry_unavailable")))
        .map(found -> {
          ConnectorDescriptor connector = found
              .filter(c -> c.org().equals(state.org()) && c.kind().isOidc())
              // a login that began before its connector was retired (a switch to a new one) may still finish
              .filter(c -> c.state() == ConnectorState.ACTIVE || c.state() == ConnectorState.TESTING
                  || c.state() == ConnectorState.RETIRED)
              .orElseThrow(() -> LoginFailure.state("connector_unavailable"));
          attempt.connector = connector;
          return connector;
        });
  }

  /**
   * RFC 9207: an {@code iss} on the callback must be this IdP's; an IdP that promises it must send it. Checked before
   * the code goes anywhere, which defeats mix-up attacks.
   */
  private static Future<ProviderMetadata> checkIssuerParameter(CallbackParameters parameters, ProviderMetadata provider) {
    if (parameters.issuer().isPresent()
        && !parameters.issuer().get().equals(provider.issuer())
        && !provider.issuer().contains("{tenantid}")) {
      return Future.failedFuture(LoginFailure.identity("callback_issuer_mismatch"));
    }
    if (parameters.issuer().isEmpty() && provider.issParameterSupported()) {
      return Future.failedFuture(LoginFailure.identity("callback_issuer_missing"));
    }
    return Future.succeededFuture(provider);
  }

  /** A connector in the testing state serves /test-app logins of its listed testers, nobody else. */
  private static Future<MappedIdentity> admitTester(ConnectorDescriptor connector, MappedIdentity identity,
      LoginState state) {
    if (connector.state() != ConnectorState.TESTING) {
      return Future.succeededFuture(identity);
    }
    if (!ReturnTargets.TEST_APP.equals(state.returnTo().orElse(null))) {
      return Future.failedFuture(LoginFailure.userNotAllowed("testing_outside_test_app"));
    }
    return connector.admitsTester(identity.email().value())
        ? Future.succeededFuture(identity)
        : Future.failedFuture(LoginFailure.userNotAllowed("not_a_tester"));
  }

  private Future<String> exchangeCode(CallbackParameters parameters, ProviderMetadata provider,
      OidcClientSettings settings, LoginState state) {
    if (parameters.error().isPresent()) {
      return Future.failedFuture(LoginFailure.codeExchange(
          "access_denied".equals(parameters.error().get()) ? "access_denied" : "idp_error"));
    }
    if (parameters.code().isEmpty()) {
      return Future.failedFuture(LoginFailure.codeExchange("missing_code"));
    }
    return tokens.idToken(provider, settings, redirectUri, parameters.code().get(), state.pkceVerifier());
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
  private Future<Outcome> failed(LoginAttempt attempt, Throwable cause) {
    LoginFailure failure = cause instanceof LoginFailure known ? known : LoginFailure.session("internal_error", cause);
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

  private Instant stateKeepUntil(LoginState state) {
    return state.issuedAt().plus(sealer.lifetime()).plusSeconds(60);
  }

  /** A login that ended in failure, after its event was recorded: what the error page shows. */
  public static final class FailedLogin extends RuntimeException {
    private final LoginFailure failure;
    private final String reference;

    FailedLogin(LoginFailure failure, String reference) {
      super(failure.getMessage(), failure.getCause(), false, false);
      this.failure = failure;
      this.reference = reference;
    }

    public LoginFailure failure() {
      return failure;
    }

    public String reference() {
      return reference;
    }
  }
}
