package io.ssobroker.edge.internal.web;

import io.ssobroker.edge.internal.login.ReturnTargets;
import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.ssobroker.platform.client.ClientDefinition;
import java.util.Optional;

/**
 * Where a login being started will end: at a {@code return_to} (the broker's own login), or with a code for the
 * product whose authorization request it answers. The pages carry it along, sealed, from one form to the next.
 */
record LoginTarget(Optional<String> returnTo, Optional<PendingAuthorization> authorization,
    Optional<String> sealedAuthorization) {

  static LoginTarget returningTo(Optional<String> returnTo) {
    return new LoginTarget(returnTo, Optional.empty(), Optional.empty());
  }

  static LoginTarget forProduct(PendingAuthorization authorization, String sealed) {
    return new LoginTarget(Optional.empty(), Optional.of(authorization), Optional.of(sealed));
  }

  /** The test application's logins may use a connector that is still being tested. */
  boolean throughTestApp() {
    return ReturnTargets.TEST_APP.equals(returnTo.orElse(null)) || authorization
        .map(pending -> pending.clientId().equals(ClientDefinition.TEST_APP_CLIENT_ID)).orElse(false);
  }
}
