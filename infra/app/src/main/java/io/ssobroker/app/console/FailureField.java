package io.ssobroker.app.console;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The request field a service's refusal names: its message starts with the field, as {@code slug: must be ...}. */
public final class FailureField {

  private static final Pattern FIELD_PREFIX = Pattern.compile("^([A-Za-z][\\w.\\[\\]]*): ");

  private FailureField() {}

  public static Optional<String> of(String message) {
    Matcher field = FIELD_PREFIX.matcher(message == null ? "" : message);
    return field.find() ? Optional.of(field.group(1)) : Optional.empty();
  }
}
