package io.ssobroker.edge.login;

import io.ssobroker.platform.Tokens;
import io.ssobroker.edge.EdgeAuditTrail;
import io.ssobroker.edge.connector.LoginFailure;
import io.ssobroker.edge.connector.oidc.AuthorizationRedirect;
import io.ssobroker.edge.connector.oidc.IdTokenVerifier;
import io.ssobroker.edge.connector.oidc.OidcProviders;
import io.ssobroker.edge.connector.oidc.ProviderMetadata;
import io.ssobroker.edge.connector.oidc.TokenExchange;
import io.ssobroker.edge.session.RecentDirectory;
import io.ssobroker.edge.session.SessionStore;
import io.ssobroker.edge.state.LoginState;
import io.ssobroker.edge.state.StateSealer;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.TimeOrderedIds;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A login from start to session, for the OpenID Connect kinds. Start: seal a state and send the browser to the IdP.
 * Callback: {@code openState -> claimState -> loadConnector -> checkIssuerParameter -> exchangeCode -> verifyIdToken
 * -> mapClaims -> admitUser -> createSession}. Each step either passes or fails the login with one category and reason;
 * every outcome records exactly one audit event.
 */
public final class LoginFlow {

  /** Where the browser goes next, and the cookie value of the session when one was created. */
  public record Outcome(String location, Optional<String> sessionCookie, Optional<String> failureReference) {}

  private final OidcProviders providers;
  private final TokenExchange tokens;
  private final IdTokenVerifier idTokens;
  private final LoginSteps steps;
  private final URI redirectUri;

  public LoginFlow(CachedRegistry registry, OidcProviders providers, TokenExchange tokens, IdTokenVerifier idTokens,
      RecentDirectory directory, SessionStore sessions, StateSealer sealer,
      EdgeAuditTrail audit, URI publicBaseUrl, Duration sessionLifetime, Clock clock) {
    this.providers = providers;
    this.tokens = tokens;
    this.idTokens = idTokens;
    this.steps = new LoginSteps(registry, directory, sessions, sealer, audit, sessionLifetime, clock);
    this.redirectUri = redirectUri(publicBaseUrl);
  }

  /** Where IdPs send the browser back: what a customer registers at their IdP. */
  public static URI redirectUri(URI publicBaseUrl) {
    return URI.create(publicBaseUrl + "/login/callback");
  }

  /** The SAML logins, which share this flow's state, directory, session and audit steps. */
  public SamlLoginFlow saml(SamlLoginFlow.Saml saml) {
    return new SamlLoginFlow(steps, saml);
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
    LoginState state = new LoginState(TimeOrderedIds.next(), connector.org(), connector.id(), Tokens.random(),
        Tokens.random(), returnTo, steps.clock().instant(), browserBinding);
    attempt.state = state;
    return Future.succeededFuture(connector).map(LoginFlow::oidcSettings)
        .compose(settings -> providers.metadata(settings).map(provider -> AuthorizationRedirect.url(provider, settings,
            redirectUri, steps.sealer().seal(state), state.nonce(), state.pkceVerifier(),
            loginHint.map(EmailAddress::value))))
        .compose(location -> steps.audit().record(attempt.event(AuditEvent.LOGIN_STARTED).build())
            .map(stored -> new Outcome(location, Optional.empty(), Optional.empty())))
        .recover(failure -> steps.failed(attempt, failure));
  }

  private static OidcClientSettings oidcSettings(ConnectorDescriptor connector) {
    return (OidcClientSettings) connector.settings();
  }

  /** Completes a login from the IdP's callback. Never fails: a failed login is an outcome with its error reference. */
  public Future<Outcome> callback(CallbackParameters parameters, String browserBinding, ClientInfo client,
      ReturnTargets targets) {
    LoginAttempt attempt = new LoginAttempt(client.ip(), client.userAgent(), client.correlationId());
    return steps.openState(parameters.state(), browserBinding, attempt)
        .compose(steps::claimState)
        .compose(state -> steps.loadConnector(state, attempt, connector -> connector.kind().isOidc()))
        .compose(connector -> {
          OidcClientSettings settings = oidcSettings(connector);
          return providers.metadata(settings)
              .compose(provider -> checkIssuerParameter(parameters, settings, provider))
              .compose(provider -> exchangeCode(parameters, provider, settings, attempt.state)
                  .compose(idToken -> idTokens.verify(idToken, settings, provider, attempt.state.nonce())))
              .map(verified -> {
                attempt.subject = verified.subject();
                MappedIdentity identity = ClaimMapper.map(verified, connector.claimMapping(), settings);
                attempt.email = identity.email().value();
                return identity;
              })
              .compose(identity -> steps.admitAndCreateSession(attempt, connector, identity, targets));
        })
        .recover(failure -> steps.failed(attempt, failure));
  }

  /**
   * RFC 9207: an {@code iss} on the callback must be this IdP's (for Entra multi-tenant, one of the allowed tenants');
   * an IdP that promises it must send it. Checked before the code goes anywhere, which defeats mix-up attacks.
   */
  private Future<ProviderMetadata> checkIssuerParameter(CallbackParameters parameters, OidcClientSettings settings,
      ProviderMetadata provider) {
    if (parameters.issuer().isPresent()
        && !providers.callbackIssuers(settings, provider).contains(parameters.issuer().get())) {
      return Future.failedFuture(LoginFailure.identity("callback_issuer_mismatch"));
    }
    if (parameters.issuer().isEmpty() && provider.issParameterSupported()) {
      return Future.failedFuture(LoginFailure.identity("callback_issuer_missing"));
    }
    return Future.succeededFuture(provider);
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
