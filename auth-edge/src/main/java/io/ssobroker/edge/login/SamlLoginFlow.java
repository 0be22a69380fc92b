package io.ssobroker.edge.login;

import io.ssobroker.edge.connector.LoginFailure;
import io.ssobroker.edge.login.LoginFlow.Outcome;
import io.ssobroker.edge.idp.IdpCallFailed;
import io.ssobroker.edge.connector.saml.AuthnRequestRedirect;
import io.ssobroker.edge.connector.saml.CertificateExpiryReporter;
import io.ssobroker.edge.connector.saml.ConsumedAssertions;
import io.ssobroker.edge.connector.saml.ExpectedResponse;
import io.ssobroker.edge.connector.saml.IdpMetadata;
import io.ssobroker.edge.connector.saml.IdpMetadataCache;
import io.ssobroker.edge.connector.saml.RequestSigningKey;
import io.ssobroker.edge.connector.saml.SamlRejected;
import io.ssobroker.edge.connector.saml.SamlRejection;
import io.ssobroker.edge.connector.saml.SamlResponseValidator;
import io.ssobroker.edge.connector.saml.SamlWorkQueue;
import io.ssobroker.edge.connector.saml.ServiceProvider;
import io.ssobroker.edge.connector.saml.SpMetadata;
import io.ssobroker.edge.connector.saml.ValidatedAssertion;
import io.ssobroker.edge.state.LoginState;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.TimeOrderedIds;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.SamlSettings;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A login from start to session, for SAML 2.0 connectors. Start: an AuthnRequest over HTTP-Redirect whose RelayState is
 * the sealed state, which carries the request's ID in place of an OIDC nonce. Assertion consumer service:
 * {@code openState -> claimState -> loadConnector -> idpMetadata -> validateResponse (off the event loop) ->
 * consumeAssertion -> mapIdentity -> admitUser -> createSession}, with the same failure path as OIDC. IdP-initiated
 * logins only where the connector allows them.
 */
public final class SamlLoginFlow {

  /** The SAML parts of the edge. */
  public record Saml(ServiceProvider serviceProvider, IdpMetadataCache idps, SamlWorkQueue queue,
      SamlResponseValidator validator, ConsumedAssertions consumedAssertions, Duration clockSkew,
      Optional<RequestSigningKey> requestSigningKey, CertificateExpiryReporter certificateExpiry) {}

  private final LoginSteps steps;
  private final Saml saml;
  private final String spMetadata;

  SamlLoginFlow(LoginSteps steps, Saml saml) {
    this.steps = steps;
    this.saml = saml;
    this.spMetadata = SpMetadata.xml(saml.serviceProvider(), saml.requestSigningKey().map(RequestSigningKey::certificate));
  }

  /** This broker's SP metadata, which customers register at their IdP. */
  public String serviceProviderMetadata() {
    return spMetadata;
  }

  /** Begins a login: the AuthnRequest URL at the IdP, after {@code login.started} is stored. */
  public Future<Outcome> start(ConnectorDescriptor connector, Optional<EmailAddress> loginHint,
      Optional<String> returnTo, String browserBinding, ClientInfo client) {
    LoginAttempt attempt = new LoginAttempt(client.ip(), client.userAgent(), client.correlationId());
    attempt.connector = connector;
    attempt.email = loginHint.map(EmailAddress::value).orElse(null);
    return idpMetadata(connector).compose(idp -> {
      Instant now = steps.clock().instant();
      String requestId = AuthnRequestRedirect.newRequestId();
      LoginState state = new LoginState(TimeOrderedIds.next(), connector.org(), connector.id(), requestId, "", returnTo,
          now, browserBinding);
      attempt.state = state;
      AuthnRequestRedirect.Redirect redirect = AuthnRequestRedirect.build(idp, saml.serviceProvider(), requestId,
          steps.sealer().seal(state), now, saml.requestSigningKey());
      return steps.audit().record(attempt.event(AuditEvent.LOGIN_STARTED).build())
          .map(stored -> new Outcome(redirect.location().toString(), Optional.empty(), Optional.empty()));
    }).recover(failure -> steps.failed(attempt, failure));
  }

  /**
   * Completes a login from the IdP's POST. Never fails: a failed login is an outcome with its error reference. A post
   * without RelayState is an IdP-initiated login.
   */
  public Future<Outcome> assertionConsumer(Optional<String> samlResponse, Optional<String> relayState,
      String browserBinding, ClientInfo client, ReturnTargets targets) {
    LoginAttempt attempt = new LoginAttempt(client.ip(), client.userAgent(), client.correlationId());
    if (relayState.isEmpty()) {
      return idpInitiated(samlResponse.orElse(null), attempt, targets);
    }
    return steps.openState(relayState, browserBinding, attempt)
        .compose(steps::claimState)
        .compose(state -> steps.loadConnector(state, attempt, connector -> connector.kind() == ConnectorKind.SAML))
        .compose(connector -> idpMetadata(connector)
            .compose(idp -> completeLogin(samlResponse.orElse(null),
                ExpectedResponse.solicited(saml.serviceProvider(), idp, attempt.state.nonce()), connector, attempt,
                targets)))
        .recover(failure -> steps.failed(attempt, failure));
  }

  /** A post to the ACS larger than it reads: a failed login ({@code too_large}) before anything in it was looked at. */
  public Future<Outcome> refusedAsTooLarge(ClientInfo client) {
    LoginAttempt attempt = new LoginAttempt(client.ip(), client.userAgent(), client.correlationId());
    return steps.failed(attempt, new SamlRejected(SamlRejection.TOO_LARGE).asLoginFailure());
  }

  /**
   * An unsolicited response: routed to the active SAML connector of the domain of the NameID it claims, which must
   * allow IdP-initiated logins and then validates the response in full with its own certificates, as answering no
   * request. There is no state, so no browser binding (the reason it is opt-in) and no return_to; the assertion ID's
   * single use is the replay protection.
   */
  private Future<Outcome> idpInitiated(String samlResponse, LoginAttempt attempt, ReturnTargets targets) {
    return saml.queue().submit(() -> saml.validator().claimedNameId(samlResponse))
        .recover(SamlLoginFlow::asLoginFailure)
        .compose(nameId -> {
          Optional<EmailAddress> claimed = nameId.flatMap(EmailAddress::parse);
          return claimed.isEmpty()
              ? Future.failedFuture(LoginFailure.state("unsolicited_response"))
              : steps.activeConnectorForDomain(claimed.get().domain());
        })
        .compose(found -> {
          ConnectorDescriptor connector = found.filter(candidate -> candidate.kind() == ConnectorKind.SAML)
              .orElseThrow(() -> LoginFailure.state("unsolicited_response"));
          attempt.connector = connector;
          SamlSettings settings = (SamlSettings) connector.settings();
          if (!settings.allowIdpInitiated()) {
            return Future.failedFuture(LoginFailure.state("idp_initiated_not_allowed"));
          }
          return idpMetadata(connector).compose(idp -> completeLogin(samlResponse,
              ExpectedResponse.unsolicited(saml.serviceProvider(), idp), connector, attempt, targets));
        })
        .recover(failure -> steps.failed(attempt, failure));
  }

  /** {@code validateResponse -> consumeAssertion -> mapIdentity -> admitUser -> createSession}. */
  private Future<Outcome> completeLogin(String samlResponse, ExpectedResponse expected, ConnectorDescriptor connector,
      LoginAttempt attempt, ReturnTargets targets) {
    return validate(samlResponse, expected)
        .compose(assertion -> {
          attempt.subject = assertion.nameId();
          return saml.consumedAssertions().claim(assertion, assertion.notOnOrAfter().plus(saml.clockSkew()))
              .map(assertion);
        })
        .map(assertion -> {
          MappedIdentity identity = SamlIdentity.map(assertion, connector.claimMapping());
          attempt.email = identity.email().value();
          return identity;
        })
        .compose(identity -> steps.admitAndCreateSession(attempt, connector, identity, targets));
  }

  private Future<ValidatedAssertion> validate(String samlResponse, ExpectedResponse expected) {
    return saml.queue().submit(() -> saml.validator().validate(samlResponse, expected))
        .recover(SamlLoginFlow::asLoginFailure);
  }

  private static <T> Future<T> asLoginFailure(Throwable failure) {
    return Future.failedFuture(failure instanceof SamlRejected rejected ? rejected.asLoginFailure()
        : failure instanceof SamlWorkQueue.Full full ? full.asLoginFailure() : failure);
  }

  /** The connector's IdP; when its metadata cannot be had, the login fails as a failed OIDC discovery does. */
  private Future<IdpMetadata> idpMetadata(ConnectorDescriptor connector) {
    return saml.idps().metadata((SamlSettings) connector.settings())
        .onSuccess(idp -> saml.certificateExpiry().seen(connector, idp))
        .recover(failure -> Future.failedFuture(
        failure instanceof IdpCallFailed call ? LoginFailure.codeExchange("idp_" + call.reason())
            : failure instanceof SamlWorkQueue.Full full ? full.asLoginFailure()
            : new LoginFailure(LoginFailureCategory.CODE_EXCHANGE_FAILED, "idp_misconfigured", failure)));
  }
}
