package io.ssobroker.registry;

import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.DefinitionException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
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

  private static final String API_CONNECTORS =
      "select id, org_slug, kind, parameters from registry.connectors where source = 'api' order by org_slug, id";
  private static final String SECRET_PLACEHOLDER = "stored-secret-not-opened-here";

  private StoredConnectorsCheck() {}

  static Future<List<Invalid>> invalid(Pool pool) {
    return pool.query(API_CONNECTORS).execute().map(rows -> {
      List<Invalid> invalid = new ArrayList<>();
      for (Row row : rows) {
        problem(row).ifPresent(problem -> invalid.add(new Invalid(row.getUUID("id"), row.getString("org_slug"), problem)));
      }
      return invalid;
    });
  }

  private static Optional<String> problem(Row row) {
    Optional<ConnectorKind> kind = ConnectorKind.parse(row.getString("kind"));
    if (kind.isEmpty()) {
      return Optional.of("kind: unknown " + row.getString("kind"));
    }
    try {
      ConnectorDefinition.openSettings(kind.get(), (JsonObject) row.getJson("parameters"),
          kind.get().isOidc() ? Optional.of(SECRET_PLACEHOLDER) : Optional.empty());
      return Optional.empty();
    } catch (DefinitionException invalid) {
      return Optional.of(invalid.getMessage());
    }
  }
}
