package io.ssobroker.app.api;

import io.ssobroker.platform.admin.AdminContract;
import io.vertx.openapi.contract.Operation;
import java.time.Duration;
import java.util.Optional;

/**
 * One operation of the admin API as its OpenAPI document declares it: the service's event-bus address that answers it
 * ({@code x-bus-address}), the status of a success (its one 2xx response), and how long the service may take.
 */
public record AdminOperation(String id, String address, int successStatus, Optional<Duration> timeout) {

  static final String ADDRESS_EXTENSION = "x-bus-address";

  public static AdminOperation of(Operation operation) {
    String address = operation.getOpenAPIModel().getString(ADDRESS_EXTENSION);
    if (address == null) {
      throw new IllegalStateException("operation " + operation.getOperationId() + " names no " + ADDRESS_EXTENSION);
    }
    int success = operation.getOpenAPIModel().getJsonObject("responses").fieldNames().stream()
        .filter(code -> code.startsWith("2")).map(Integer::parseInt).reduce((one, other) -> {
          throw new IllegalStateException("operation " + operation.getOperationId() + " has two successes");
        }).orElseThrow(() -> new IllegalStateException("operation " + operation.getOperationId() + " has no success"));
    return new AdminOperation(operation.getOperationId(), address, success, AdminContract.timeoutOf(address));
  }
}
