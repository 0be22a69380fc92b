package io.ssobroker.edge.internal.connector.okta;

import io.ssobroker.edge.internal.connector.Connector;
import io.ssobroker.edge.internal.connector.ConnectorFactory;
import io.ssobroker.edge.internal.connector.oidc.OidcConnector;
import io.ssobroker.edge.internal.connector.oidc.OidcProtocol;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.connector.OktaSettings;
import io.ssobroker.platform.registry.ConnectorDescriptor;

/** Opens Okta Workforce connectors (kind {@code okta}). */
public final class OktaConnectorFactory implements ConnectorFactory<OktaSettings> {

  private final OidcProtocol protocol;
  private final IdpAuthorities authorities;

  public OktaConnectorFactory(OidcProtocol protocol, IdpAuthorities authorities) {
    this.protocol = protocol;
    this.authorities = authorities;
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.OKTA;
  }

  @Override
  public Class<OktaSettings> settingsType() {
    return OktaSettings.class;
  }

  @Override
  public Connector open(ConnectorDescriptor descriptor, OktaSettings settings) {
    return new OidcConnector(descriptor, settings, new OktaProfile(settings, authorities), protocol);
  }
}
