package io.ssobroker.registry;

import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.crypto.SecretSealer.Sealed;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.registry.connectors.ConnectorStatus;
import io.ssobroker.registry.connectors.ExpiringCredential;
import io.ssobroker.registry.connectors.StoredConnector;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
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

  /** Credentials of connectors not retired (of one org, when given) that expire by {@code until}, soonest first. */
  Future<List<ExpiringCredential>> expiring(LocalDate until, Optional<String> org);

  /**
   * Records that the credential crossed these thresholds, {@code announced} among them; answers whether
   * {@code announced} is new (then its event is due).
   */
  Future<Boolean> recordExpiryNotice(SqlClient sql, ExpiringCredential credential, int announced,
      List<Integer> crossed);

  /** The latest expiry of a SAML connector's certificates that an edge found at its metadata URL. */
  Future<Void> recordCertificateExpiry(UUID id, LocalDate expiresOn);

  /** Every connector of the admin API, by org. */
  Future<List<StoredParameters>> apiConnectorParameters();

  /** Concurrent starts of several registry processes apply their connectors files one after the other. */
  Future<Void> lockFileSync(SqlClient sql);

  /** The connectors that a connectors file declared, with their domains sorted. */
  Future<List<FileDeclaredConnector>> declaredByFile(SqlClient sql);

  /** Whether a connector of the admin API has this id. */
  Future<Boolean> isApiConnector(SqlClient sql, UUID id);

  /** Writes a connector of the file, active, with exactly its domains. */
  Future<Void> upsertFromFile(SqlClient sql, UUID id, String org, ConnectorDefinition definition);

  /** Deletes the file's connectors whose ids are not kept. */
  Future<Void> deleteFileConnectorsBut(SqlClient sql, List<UUID> kept);
}
