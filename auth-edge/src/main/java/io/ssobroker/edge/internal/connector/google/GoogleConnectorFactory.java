package io.ssobroker.edge.internal.connector.google;

import io.ssobroker.edge.internal.connector.Connector;
import io.ssobroker.edge.internal.connector.ConnectorFactory;
import io.ssobroker.edge.internal.connector.oidc.OidcConnector;
import io.ssobroker.edge.internal.connector.oidc.OidcProtocol;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.GoogleSettings;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.registry.ConnectorDescriptor;

/** Opens Google Workspace connectors (kind {@code google}). */
public final class GoogleConnectorFactory implements ConnectorFactory<GoogleSettings> {

  private final OidcProtocol protocol;
  private final IdpAuthorities authorities;

  public GoogleConnectorFactory(OidcProtocol protocol, IdpAuthorities authorities) {
    this.protocol = protocol;
    this.authorities = authorities;
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.GOOGLE;
  }

  @Override
  public Class<GoogleSettings> settingsType() {
    return GoogleSettings.class;
  }

  @Override
  public Connector open(ConnectorDescriptor descriptor, GoogleSettings settings) {
    return new OidcConnector(descriptor, settings, new GoogleProfile(settings, authorities), protocol);
  }
}
