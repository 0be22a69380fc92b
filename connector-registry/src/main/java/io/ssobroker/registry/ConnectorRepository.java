package io.ssobroker.registry;

import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The connectors tables: look-ups for the login path, and what other services ask about an org's connectors. */
public interface ConnectorRepository {

  /** The active connector routing this domain, if the domain is verified for the connector's own org. */
  Future<Optional<ConnectorDescriptor>> activeForDomain(String domain);

  /** A testing connector routing this verified domain that lists this email as a tester. */
  Future<Optional<ConnectorDescriptor>> testingForTester(String domain, String email);

  Future<List<ConnectorDescriptor>> activeForOrg(String org);

  Future<Optional<ConnectorDescriptor>> byId(UUID id);

  /** Whether the connectors file declares connectors for this org. */
  Future<Boolean> hasFileConnectors(SqlClient sql, String org);
}
