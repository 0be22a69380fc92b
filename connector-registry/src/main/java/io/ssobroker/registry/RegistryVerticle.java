package io.ssobroker.registry;

import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.registry.ConnectorByIdRequest;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorForDomainRequest;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.service.PingResponder;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Optional;

/** The connector registry: migrates its schema, then answers connector look-ups over the event bus. */
final class RegistryVerticle extends VerticleBase {

  private static final int POOL_SIZE = 8;

  private final ServiceContext context;
  private Pool pool;

  RegistryVerticle(ServiceContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    return SchemaMigrator.migrate(vertx, context.database(), "registry")
        .compose(migrated -> serveLookups())
        .compose(serving -> PingResponder.register(vertx, ServiceName.CONNECTOR_REGISTRY));
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private Future<?> serveLookups() {
    pool = PgPools.create(vertx, context.database(), "registry", POOL_SIZE);
    ConnectorRepository connectors = new PgConnectorRepository(pool);
    return Future.all(
        BusEndpoint.serveWhenRegistered(vertx, RegistryContract.ACTIVE_CONNECTOR_FOR_DOMAIN, request ->
            connectors.activeForDomain(ConnectorForDomainRequest.fromJson(request).domain())
                .map(found -> orNotFound(found, "no active connector for that domain"))),
        BusEndpoint.serveWhenRegistered(vertx, RegistryContract.CONNECTOR_BY_ID, request ->
            connectors.byId(ConnectorByIdRequest.fromJson(request).connectorId())
                .map(found -> orNotFound(found, "no connector with that id"))));
  }

  private static JsonObject orNotFound(Optional<ConnectorDescriptor> connector, String message) {
    return connector.map(ConnectorDescriptor::toJson).orElseThrow(() -> ServiceException.notFound(message));
  }
}
