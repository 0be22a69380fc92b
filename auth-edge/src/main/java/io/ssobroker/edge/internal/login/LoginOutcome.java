package io.ssobroker.edge.internal.login;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.state.PendingAuthorization;
import java.util.Optional;

/** How a login request ends, for the router to answer: it goes on at the IdP, it signed the user in, or it failed. */
public sealed interface LoginOutcome {

  /** The login begun: the browser signs in at the IdP. */
  record ToIdp(String location) implements LoginOutcome {}

  /** The user is signed in: the session cookie to set, and where the browser goes next. */
  record SignedIn(String location, String sessionCookie) implements LoginOutcome {}

  /**
   * The login failed, for this reason; its audit event's id is the support reference. {@code destination} is where it
   * was to end, as far as the login knew when it stopped, so that its error page can start it again for the same place.
   */
  /** @param org the org of the login, once its connector is known: its brand is on the error page */
  record Failed(LoginReason reason, String reference, Destination destination, Optional<String> org)
      implements LoginOutcome {}

  /**
   * Where a login was to end: its checked {@code return_to}, or the product's authorization request it answers. Known
   * from the start, and at the IdP's answer once the sealed state is open; unknown when the state is not.
   */
  record Destination(Optional<String> returnTo, Optional<PendingAuthorization> authorization) {

    public static final Destination UNKNOWN = new Destination(Optional.empty(), Optional.empty());
  }
}
