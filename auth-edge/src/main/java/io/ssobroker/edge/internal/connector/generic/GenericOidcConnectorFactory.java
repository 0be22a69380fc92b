package io.ssobroker.edge.internal.connector.generic;

import io.ssobroker.edge.internal.connector.Connector;
import io.ssobroker.edge.internal.connector.ConnectorFactory;
import io.ssobroker.edge.internal.connector.oidc.OidcConnector;
import io.ssobroker.edge.internal.connector.oidc.OidcProtocol;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.OidcSettings;
import io.ssobroker.platform.registry.ConnectorDescriptor;

/**
 * Opens connectors to any OpenID Provider (kind {@code oidc}), found through its discovery URL, with the protocol's
 * rules and nothing more: the issuer the URL promises, and an email refused only when the IdP says it is not verified.
 */
public final class GenericOidcConnectorFactory implements ConnectorFactory<OidcSettings> {

  private final OidcProtocol protocol;

  public GenericOidcConnectorFactory(OidcProtocol protocol) {
    this.protocol = protocol;
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.OIDC;
  }

  @Override
  public Class<OidcSettings> settingsType() {
    return OidcSettings.class;
  }

  @Override
  public Connector open(ConnectorDescriptor descriptor, OidcSettings settings) {
    return new OidcConnector(descriptor, settings, new GenericOidcProfile(settings.discoveryEndpoint()), protocol);
  }
}
