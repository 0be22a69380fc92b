package io.ssobroker.registry;

import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.DefinitionException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The connectors written through the admin API that no longer pass today's validation: a rule tightened since they were
 * stored (a multi-tenant Entra connector must now name its {@code allowedTenants}). Their logins fail closed
 * ({@code connector_invalid}) until an admin updates them; this names them so that the operator knows.
 */
final class StoredConnectorsCheck {

  /** A stored connector and what is wrong with it, as the admin API would name the field. */
  record Invalid(UUID id, String org, String problem) {}

  private static final String SECRET_PLACEHOLDER = "stored-secret-not-opened-here";

  private StoredConnectorsCheck() {}

  static Future<List<Invalid>> invalid(ConnectorRepository connectors) {
    return connectors.apiConnectorParameters().map(stored -> {
      List<Invalid> invalid = new ArrayList<>();
      for (StoredParameters connector : stored) {
        problem(connector).ifPresent(problem -> invalid.add(new Invalid(connector.id(), connector.org(), problem)));
      }
      return invalid;
    });
  }

  private static Optional<String> problem(StoredParameters connector) {
    Optional<ConnectorKind> kind = ConnectorKind.parse(connector.kind());
    if (kind.isEmpty()) {
      return Optional.of("kind: unknown " + connector.kind());
    }
    try {
      ConnectorDefinition.openSettings(kind.get(), connector.parameters(),
          kind.get().isOidc() ? Optional.of(SECRET_PLACEHOLDER) : Optional.empty());
      return Optional.empty();
    } catch (DefinitionException invalid) {
      return Optional.of(invalid.getMessage());
    }
  }
}
