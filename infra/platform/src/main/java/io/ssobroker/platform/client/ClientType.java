package io.ssobroker.platform.client;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a product client authenticates at the token endpoint: with the secret the broker generated for it
 * ({@code confidential}, a server-side application), or not at all ({@code public}: a browser or native application,
 * which proves the code is its own with PKCE, always required for it).
 */
public enum ClientType {
  CONFIDENTIAL("confidential"),
  PUBLIC("public");

  private final String value;

  ClientType(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<ClientType> parse(String value) {
    return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
  }
}
