package io.ssobroker.edge.internal.login;

import io.ssobroker.platform.Origins;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Optional;

/**
 * Where a login may send the user afterwards: a path on this broker, or an absolute URL whose origin is allowed.
 * Anything else (other hosts, scheme-relative {@code //host}, backslashes, {@code javascript:}, encoded tricks) is
 * refused, so that {@code return_to} can never become an open redirect.
 */
final class ReturnTarget {

  private static final int MAX_LENGTH = 2048;

  private ReturnTarget() {}

  public static Optional<String> validate(String candidate, Collection<String> allowedOrigins) {
    if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    for (char c : candidate.toCharArray()) {
      if (c < 0x21 || c == '\\' || c == 0x7f) {
        return Optional.empty();
      }
    }
    if (candidate.startsWith("/")) {
      boolean schemeRelative = candidate.startsWith("//");
      return schemeRelative ? Optional.empty() : parse(candidate).filter(uri -> uri.getRawAuthority() == null
          && uri.getScheme() == null && !uri.getRawPath().startsWith("//")).map(uri -> candidate);
    }
    return parse(candidate)
        .filter(uri -> uri.getScheme() != null && uri.getHost() != null && uri.getRawUserInfo() == null)
        .filter(uri -> allowedOrigins.contains(Origins.of(uri)))
        .map(URI::toString);
  }

  private static Optional<URI> parse(String candidate) {
    try {
      return Optional.of(new URI(candidate));
    } catch (URISyntaxException malformed) {
      return Optional.empty();
    }
  }
}
