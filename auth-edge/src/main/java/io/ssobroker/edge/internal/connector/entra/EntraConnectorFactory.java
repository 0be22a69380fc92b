package io.ssobroker.edge.internal.connector.entra;

import io.ssobroker.edge.internal.connector.Connector;
import io.ssobroker.edge.internal.connector.ConnectorFactory;
import io.ssobroker.edge.internal.connector.oidc.OidcConnector;
import io.ssobroker.edge.internal.connector.oidc.OidcProtocol;
import io.ssobroker.platform.connector.AzureSettings;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.registry.ConnectorDescriptor;

/** Opens Microsoft Entra ID connectors (kind {@code azure}). */
public final class EntraConnectorFactory implements ConnectorFactory<AzureSettings> {

  private final OidcProtocol protocol;
  private final IdpAuthorities authorities;

  public EntraConnectorFactory(OidcProtocol protocol, IdpAuthorities authorities) {
    this.protocol = protocol;
    this.authorities = authorities;
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.AZURE;
  }

  @Override
  public Class<AzureSettings> settingsType() {
    return AzureSettings.class;
  }

  @Override
  public Connector open(ConnectorDescriptor descriptor, AzureSettings settings) {
    return new OidcConnector(descriptor, settings, new EntraProfile(settings, authorities), protocol);
  }
}
