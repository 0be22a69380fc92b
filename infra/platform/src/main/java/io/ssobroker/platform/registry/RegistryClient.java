package io.ssobroker.platform.registry;

import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Asks the connector registry over the event bus. "Not found" is an empty answer, every other failure fails. */
public final class RegistryClient {

  private final BusRequester bus;

  public RegistryClient(BusRequester bus) {
    this.bus = bus;
  }

  public Future<Optional<ConnectorDescriptor>> activeConnectorForDomain(String domain) {
    return bus.lookupOptional(RegistryContract.ACTIVE_CONNECTOR_FOR_DOMAIN, new ConnectorForDomainRequest(domain).toJson())
        .map(answer -> answer.map(ConnectorDescriptor::fromJson));
  }

  public Future<Optional<ConnectorDescriptor>> testingConnectorForTester(String domain, String email) {
    return bus.lookupOptional(RegistryContract.TESTING_CONNECTOR_FOR_TESTER,
            new ConnectorForDomainRequest(domain).toJson().put("email", email))
        .map(answer -> answer.map(ConnectorDescriptor::fromJson));
  }

  public Future<List<ConnectorDescriptor>> activeConnectorsForOrg(String org) {
    return bus.lookup(RegistryContract.ACTIVE_CONNECTORS_FOR_ORG, new OrgRequest(org).toJson())
        .map(reply -> reply.getJsonArray("connectors").stream()
            .map(JsonObject.class::cast).map(ConnectorDescriptor::fromJson).toList());
  }

  public Future<Optional<OrgSummary>> orgBySlug(String org) {
    return bus.lookupOptional(RegistryContract.ORG_BY_SLUG, new OrgRequest(org).toJson())
        .map(answer -> answer.map(OrgSummary::fromJson));
  }

  public Future<Optional<ClientDescriptor>> clientById(String clientId) {
    return bus.lookupOptional(RegistryContract.CLIENT_BY_ID, new JsonObject().put("clientId", clientId))
        .map(answer -> answer.map(ClientDescriptor::fromJson));
  }

  public Future<Optional<ConnectorDescriptor>> connectorById(UUID connectorId) {
    return bus.lookupOptional(RegistryContract.CONNECTOR_BY_ID, new ConnectorByIdRequest(connectorId).toJson())
        .map(answer -> answer.map(ConnectorDescriptor::fromJson));
  }
}
