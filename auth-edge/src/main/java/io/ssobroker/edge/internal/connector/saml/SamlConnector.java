package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.CheckReport;
import io.ssobroker.edge.internal.connector.Identity;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.connector.LoginSecrets;
import io.ssobroker.edge.internal.connector.PostConnector;
import io.ssobroker.edge.internal.idp.IdpCallFailed;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.SamlSettings;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;

/**
 * A connector to a SAML 2.0 IdP: an AuthnRequest over HTTP-Redirect whose RelayState is the sealed state (its ID in
 * the place of an OIDC nonce), and the response posted back: {@code idpMetadata -> validateResponse (off the event
 * loop) -> consumeAssertion -> mapIdentity}. IdP-initiated responses only where the connector allows them.
 */
final class SamlConnector implements PostConnector {

  private final ConnectorDescriptor descriptor;
  private final SamlSettings settings;
  private final SamlProtocol saml;

  SamlConnector(ConnectorDescriptor descriptor, SamlSettings settings, SamlProtocol saml) {
    this.descriptor = descriptor;
    this.settings = settings;
    this.saml = saml;
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public LoginSecrets newSecrets() {
    return new LoginSecrets(AuthnRequestRedirect.newRequestId(), "");
  }

  @Override
  public Future<URI> begin(LoginSecrets secrets, String sealedState, Optional<EmailAddress> loginHint) {
    return idpMetadata().map(idp -> AuthnRequestRedirect.build(idp, saml.serviceProvider(), secrets.nonce(),
        sealedState, saml.clock().instant(), saml.requestSigningKey()).location());
  }

  @Override
  public Future<Identity> complete(Optional<String> postedResponse, LoginSecrets secrets) {
    return idpMetadata().compose(idp -> authenticate(postedResponse,
        ExpectedResponse.solicited(saml.serviceProvider(), idp, secrets.nonce())));
  }

  @Override
  public Future<Identity> completeUnsolicited(Optional<String> postedResponse) {
    if (!settings.allowIdpInitiated()) {
      return Future.failedFuture(LoginFailure.of(LoginReason.IDP_INITIATED_NOT_ALLOWED));
    }
    return idpMetadata().compose(idp -> authenticate(postedResponse,
        ExpectedResponse.unsolicited(saml.serviceProvider(), idp)));
  }

  @Override
  public Future<JsonObject> check() {
    return new SamlConnectorCheck(saml).run(settings, new CheckReport(descriptor));
  }

  /** {@code validateResponse -> consumeAssertion -> mapIdentity}. */
  private Future<Identity> authenticate(Optional<String> postedResponse, ExpectedResponse expected) {
    return saml.queue().submit(() -> saml.validator().validate(postedResponse.orElse(null), expected))
        .recover(SamlConnector::asLoginFailure)
        .compose(assertion -> saml.consumedAssertions()
            .claim(assertion, assertion.notOnOrAfter().plus(saml.clockSkew()))
            .recover(failure -> Future.failedFuture(failure instanceof LoginFailure refused
                ? refused.about(assertion.nameId(), null) : failure))
            .map(claimed -> SamlIdentity.map(assertion, descriptor.claimMapping())));
  }

  /** The connector's IdP; when its metadata cannot be had, the login fails as a failed OIDC discovery does. */
  private Future<IdpMetadata> idpMetadata() {
    return saml.idps().metadata(settings)
        .onSuccess(idp -> saml.certificateExpiry().seen(descriptor.id(), settings, idp))
        .recover(failure -> Future.failedFuture(failure instanceof IdpCallFailed call ? LoginFailure.of(call.atDiscovery())
            : failure instanceof SamlWorkQueue.Full full ? full.asLoginFailure()
            : LoginFailure.of(LoginReason.IDP_MISCONFIGURED, failure)));
  }

  static <T> Future<T> asLoginFailure(Throwable failure) {
    return Future.failedFuture(failure instanceof SamlRejected rejected ? rejected.asLoginFailure()
        : failure instanceof SamlWorkQueue.Full full ? full.asLoginFailure() : failure);
  }
}
