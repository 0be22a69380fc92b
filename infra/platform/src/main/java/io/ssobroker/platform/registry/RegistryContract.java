package io.ssobroker.platform.registry;

/** Event-bus addresses served by the connector registry. */
public final class RegistryContract {

  /** Request {@link ConnectorForDomainRequest}; reply {@link ConnectorDescriptor}, or NOT_FOUND. */
  public static final String ACTIVE_CONNECTOR_FOR_DOMAIN = "sso.registry.activeConnectorForDomain.v1";

  /** Request {@link ConnectorByIdRequest}; reply {@link ConnectorDescriptor}, or NOT_FOUND. */
  public static final String CONNECTOR_BY_ID = "sso.registry.connectorById.v1";

  private RegistryContract() {}
}
