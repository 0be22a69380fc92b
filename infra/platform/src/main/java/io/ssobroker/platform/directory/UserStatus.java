package io.ssobroker.platform.directory;

import java.util.Arrays;
import java.util.Optional;

/** Whether a directory user may log in at all. */
public enum UserStatus {
  ACTIVE("active"),
  DISABLED("disabled");

  private final String value;

  UserStatus(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<UserStatus> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }
}
