package io.ssobroker.platform.registry;

import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** Asks the connector registry over the event bus. "Not found" is an empty answer, every other failure fails. */
public final class RegistryClient {

  private final BusRequester bus;

  public RegistryClient(BusRequester bus) {
    this.bus = bus;
  }

  public Future<Optional<ConnectorDescriptor>> activeConnectorForDomain(String domain) {
    return bus.requestOptional(RegistryContract.ACTIVE_CONNECTOR_FOR_DOMAIN, new ConnectorForDomainRequest(domain).toJson())
        .map(answer -> answer.map(ConnectorDescriptor::fromJson));
  }

  public Future<Optional<ConnectorDescriptor>> connectorById(UUID connectorId) {
    return bus.requestOptional(RegistryContract.CONNECTOR_BY_ID, new ConnectorByIdRequest(connectorId).toJson())
        .map(answer -> answer.map(ConnectorDescriptor::fromJson));
  }
}
