package io.ssobroker.registry.connectors;

import java.util.UUID;

/** Where a connector comes from and what state it is in: what its activation and testing depend on. */
public record ConnectorStatus(UUID id, String org, String source, String state) {

  public boolean fromFile() {
    return "file".equals(source);
  }
}
