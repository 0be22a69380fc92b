package io.ssobroker.edge.internal.connector;

import io.vertx.core.MultiMap;
import java.util.Optional;

/** What the IdP sent back to /login/callback (RFC 6749 4.1.2, RFC 9207). */
public record CallbackParameters(
    Optional<String> state, Optional<String> code, Optional<String> error, Optional<String> issuer) {

  public static CallbackParameters of(MultiMap query) {
    return new CallbackParameters(single(query, "state"), single(query, "code"), single(query, "error"),
        single(query, "iss"));
  }

  private static Optional<String> single(MultiMap query, String name) {
    var values = query.getAll(name);
    return values.size() == 1 && !values.get(0).isEmpty() ? Optional.of(values.get(0)) : Optional.empty();
  }
}
