package io.ssobroker.edge.internal.connector;

import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.ConnectorSettings;
import io.ssobroker.platform.registry.ConnectorDescriptor;

/** Opens the connectors of one kind from their validated, typed settings. */
public interface ConnectorFactory<S extends ConnectorSettings> {

  ConnectorKind kind();

  Class<S> settingsType();

  Connector open(ConnectorDescriptor descriptor, S settings);
}
