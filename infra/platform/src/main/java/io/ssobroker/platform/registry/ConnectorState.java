package io.ssobroker.platform.registry;

import java.util.Arrays;
import java.util.Optional;

/** A connector's lifecycle state (SPEC section 8). Only {@code active} connectors route logins by domain. */
public enum ConnectorState {
  DRAFT("draft"),
  TESTING("testing"),
  SCHEDULED("scheduled"),
  ACTIVE("active"),
  RETIRED("retired");

  private final String value;

  ConnectorState(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<ConnectorState> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }
}
