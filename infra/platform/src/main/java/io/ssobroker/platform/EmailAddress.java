package io.ssobroker.platform;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address in its normalized form (trimmed, lower case), which is how the directory stores and compares it.
 * The check is structural on purpose: one {@code @}, a non-empty local part and a dotted domain.
 */
public record EmailAddress(String value) {

  private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]+");
  private static final int MAX_LENGTH = 254;

  public static Optional<EmailAddress> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String normalized = raw.trim().toLowerCase(Locale.ROOT);
    if (normalized.length() > MAX_LENGTH || !SHAPE.matcher(normalized).matches()) {
      return Optional.empty();
    }
    return Optional.of(new EmailAddress(normalized));
  }

  public String domain() {
    return value.substring(value.indexOf('@') + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
