package io.ssobroker.registry;

import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** Read access to connectors, as the login path needs it. */
public interface ConnectorRepository {

  /** The active connector routing this domain, if the domain is verified for the connector's own org. */
  Future<Optional<ConnectorDescriptor>> activeForDomain(String domain);

  Future<Optional<ConnectorDescriptor>> byId(UUID id);
}
