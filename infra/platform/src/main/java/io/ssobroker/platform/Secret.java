package io.ssobroker.platform;

import java.util.Objects;

/** A secret value that never prints itself: {@code toString()} is redacted, so records holding one stay safe to log. */
public record Secret(String value) {

  public Secret {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "***";
  }
}
