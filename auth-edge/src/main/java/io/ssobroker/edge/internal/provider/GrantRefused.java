package io.ssobroker.edge.internal.provider;

import io.ssobroker.edge.internal.provider.TokenMinter.Grant;
import java.util.Optional;

/** A token, introspection or revocation request that stopped with this refusal; what it knew goes into the event. */
final class GrantRefused extends RuntimeException {

  private final TokenRefusal refusal;
  private final Optional<Grant> grant;

  GrantRefused(TokenRefusal refusal, Optional<Grant> grant) {
    super(refusal.code(), null, false, false);
    this.refusal = refusal;
    this.grant = grant;
  }

  GrantRefused(TokenRefusal refusal) {
    this(refusal, Optional.empty());
  }

  TokenRefusal refusal() {
    return refusal;
  }

  Optional<Grant> grant() {
    return grant;
  }
}
