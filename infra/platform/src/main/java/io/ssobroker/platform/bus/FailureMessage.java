package io.ssobroker.platform.bus;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * How a {@link ServiceException} travels as an event-bus failure's message: its detail as it is, or, when it names a
 * field, a JSON object {@code {"detail": ..., "field": ...}} so the field arrives as data. A plain message (from a
 * process of an earlier version) still reads as a detail without a field.
 */
final class FailureMessage {

  private FailureMessage() {}

  static String encode(ServiceException failure) {
    return failure.field()
        .map(field -> new JsonObject().put("detail", failure.getMessage()).put("field", field).encode())
        .orElse(failure.getMessage());
  }

  static ServiceException decode(ServiceFailure kind, String message) {
    if (message != null && message.startsWith("{")) {
      try {
        JsonObject encoded = new JsonObject(message);
        if (encoded.getValue("detail") instanceof String detail) {
          return new ServiceException(kind, detail, Optional.ofNullable(encoded.getString("field")));
        }
      } catch (DecodeException | ClassCastException notEncoded) {
        // a plain detail that happens to start with a brace
      }
    }
    return new ServiceException(kind, message);
  }
}
