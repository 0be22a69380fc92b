package io.ssobroker.registry;

import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The latest expiry of a SAML connector's signing certificates, as an edge found them in the IdP's metadata URL, kept
 * for the expiry radar. Only SAML connectors whose certificates are not written in the connector itself take it.
 */
final class SamlCertificatesSeen {

  private SamlCertificatesSeen() {}

  static Future<JsonObject> record(ConnectorRepository connectors, JsonObject request) {
    UUID connectorId;
    LocalDate expiresOn;
    try {
      connectorId = UUID.fromString(request.getString("connectorId"));
      expiresOn = LocalDate.parse(request.getString("certificatesExpireOn"));
    } catch (IllegalArgumentException | NullPointerException | ClassCastException | DateTimeParseException malformed) {
      return Future.failedFuture(ServiceException.invalid("connectorId and certificatesExpireOn are required"));
    }
    return connectors.recordCertificateExpiry(connectorId, expiresOn).map(updated -> new JsonObject());
  }
}
