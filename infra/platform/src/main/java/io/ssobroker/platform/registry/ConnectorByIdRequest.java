package io.ssobroker.platform.registry;

import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The connector with this id, whatever its state. */
public record ConnectorByIdRequest(UUID connectorId) {

  public ConnectorByIdRequest {
    if (connectorId == null) {
      throw ServiceException.invalid("connectorId", "required");
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("connectorId", connectorId.toString());
  }

  public static ConnectorByIdRequest fromJson(JsonObject json) {
    String id = json.getString("connectorId");
    try {
      return new ConnectorByIdRequest(id == null ? null : UUID.fromString(id));
    } catch (IllegalArgumentException notAUuid) {
      throw ServiceException.invalid("connectorId", "must be a UUID");
    }
  }
}
