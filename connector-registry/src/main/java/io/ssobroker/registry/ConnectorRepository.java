package io.ssobroker.registry;

import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.crypto.SecretSealer.Sealed;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.registry.connectors.ConnectorStatus;
import io.ssobroker.registry.connectors.StoredConnector;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The connectors tables ({@code registry.connectors}, {@code registry.connector_domains}): look-ups for the login
 * path, and the admin API's reads and writes. Writes take the caller's transaction, so that a change and its audit
 * event commit together.
 */
public interface ConnectorRepository {

  /** The active connector routing this domain, if the domain is verified for the connector's own org. */
  Future<Optional<ConnectorDescriptor>> activeForDomain(String domain);

  /** A testing connector routing this verified domain that lists this email as a tester. */
  Future<Optional<ConnectorDescriptor>> testingForTester(String domain, String email);

  Future<List<ConnectorDescriptor>> activeForOrg(String org);

  Future<Optional<ConnectorDescriptor>> byId(UUID id);

  /** Whether the connectors file declares connectors for this org. */
  Future<Boolean> hasFileConnectors(SqlClient sql, String org);

  Future<Optional<StoredConnector>> find(SqlClient sql, String org, UUID id);

  /** An org's connectors, oldest first. */
  Future<List<StoredConnector>> list(String org);

  /** A new {@code draft} connector of the admin API, with its domains and its sealed secret if it has one. */
  Future<Void> insert(SqlClient sql, UUID id, String org, ConnectorDefinition definition, Optional<Sealed> secret);

  /** Replaces the connector and its domains; without a new sealed secret, the stored one stays. */
  Future<Void> update(SqlClient sql, UUID id, String org, ConnectorDefinition definition, Optional<Sealed> secret);

  Future<Void> delete(SqlClient sql, String org, UUID id);

  /** The connector's source and state, locked until the transaction ends. */
  Future<Optional<ConnectorStatus>> lockStatus(SqlClient sql, String org, UUID id);

  Future<Void> schedule(SqlClient sql, String org, UUID id, OffsetDateTime at);

  /**
   * Makes the connector active and retires the org's other active connectors (of the admin API) that share one of its
   * domains; answers the ids of those retired.
   */
  Future<List<UUID>> activate(SqlClient sql, String org, UUID id);

  /** Scheduled connectors whose date has come, a batch at a time, locked (skipping those another process holds). */
  Future<List<ConnectorStatus>> lockDue(SqlClient sql);

  Future<Void> startTesting(SqlClient sql, String org, UUID id, List<String> testers);
}
