package io.ssobroker.platform.service;

import java.util.Arrays;
import java.util.Optional;

/** The four services. Each answers a ping on its own address once it has started, which readiness relies on. */
public enum ServiceName {
  CONNECTOR_REGISTRY("connector-registry", "registry"),
  USER_DIRECTORY("user-directory", "directory"),
  AUDIT_LOG("audit-log", "audit"),
  AUTH_EDGE("auth-edge", "edge");

  private final String id;
  private final String shortName;

  ServiceName(String id, String shortName) {
    this.id = id;
    this.shortName = shortName;
  }

  public String id() {
    return id;
  }

  public String pingAddress() {
    return "sso." + shortName + ".ping.v1";
  }

  /** Answered only by this process's own instance of the service. */
  public String localPingAddress() {
    return pingAddress() + ".local";
  }

  public static Optional<ServiceName> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }
}
