package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.internal.connector.Connector;
import io.ssobroker.edge.internal.connector.ConnectorFactory;
import io.ssobroker.edge.internal.connector.UnsolicitedPosts;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.SamlSettings;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Opens SAML 2.0 connectors (kind {@code saml}); reads whom an unsolicited response claims to be about, so that it can
 * be routed to the connector of that email's domain; and publishes this broker's SP metadata.
 */
public final class SamlConnectorFactory implements ConnectorFactory<SamlSettings>, UnsolicitedPosts {

  private final SamlProtocol saml;
  private final String spMetadata;

  public SamlConnectorFactory(SamlProtocol saml) {
    this.saml = saml;
    this.spMetadata = SpMetadata.xml(saml.serviceProvider(), saml.requestSigningKey().map(RequestSigningKey::certificate));
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.SAML;
  }

  @Override
  public Class<SamlSettings> settingsType() {
    return SamlSettings.class;
  }

  @Override
  public Connector open(ConnectorDescriptor descriptor, SamlSettings settings) {
    return new SamlConnector(descriptor, settings, saml);
  }

  /**
   * The NameID a response claims, read unverified with the same hardened parser: routing on it is safe, since the
   * connector it routes to then validates the response in full with its own certificates.
   */
  @Override
  public Future<Optional<EmailAddress>> claimedUser(Optional<String> postedResponse) {
    return saml.queue().submit(() -> saml.validator().claimedNameId(postedResponse.orElse(null)))
        .recover(SamlConnector::asLoginFailure)
        .map(nameId -> nameId.flatMap(EmailAddress::parse));
  }

  /** This broker's SP metadata, which customers register at their IdP. */
  public String serviceProviderMetadata() {
    return spMetadata;
  }
}
