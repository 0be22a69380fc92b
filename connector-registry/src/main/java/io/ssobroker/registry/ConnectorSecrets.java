package io.ssobroker.registry;

import io.ssobroker.platform.Secret;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.registry.ConnectorsFile.FileConnector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Client secrets of the connectors file: resolved at startup, held in memory only, never written to the database. */
public final class ConnectorSecrets {

  private final Map<UUID, Secret> fileSecrets;

  private ConnectorSecrets(Map<UUID, Secret> fileSecrets) {
    this.fileSecrets = fileSecrets;
  }

  /** What a connector's sealed secret is bound to: it opens for this connector only. */
  public static String owner(UUID connectorId) {
    return "connector-secret:" + connectorId;
  }

  static ConnectorSecrets of(List<FileConnector> connectors) {
    return new ConnectorSecrets(connectors.stream()
        .filter(connector -> connector.definition().settings() instanceof OidcClientSettings)
        .collect(Collectors.toUnmodifiableMap(FileConnector::id,
            connector -> ((OidcClientSettings) connector.definition().settings()).clientSecret())));
  }

  /** File connectors get their secret from memory; others carry the one opened from the database. */
  ConnectorDescriptor withSecret(ConnectorDescriptor connector) {
    if (connector.clientSecret().isPresent()) {
      return connector;
    }
    Optional<Secret> secret = Optional.ofNullable(fileSecrets.get(connector.id()));
    return new ConnectorDescriptor(connector.id(), connector.org(), connector.kind(), connector.displayName(),
        connector.state(), connector.domains(), connector.emailPattern(), connector.claimMapping(),
        connector.parameters(), secret, connector.testers());
  }
}
