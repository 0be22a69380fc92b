package io.ssobroker.edge.internal.provider;

import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.registry.ClientDescriptor;
import java.net.URI;
import java.util.Optional;

/** What the checks of an authorization request concluded. */
sealed interface AuthorizeCheck {

  /** A request the broker serves; {@code promptNone}: answer without any page, signed in already or not at all. */
  record Accepted(ClientDescriptor client, PendingAuthorization authorization, Optional<EmailAddress> loginHint,
      boolean promptNone) implements AuthorizeCheck {}

  /**
   * A refused request. {@code redirectUri} is present only when it is one the client registered (then the client is
   * told there, with {@code state}); {@code clientId} only when it is well-formed, for the event.
   */
  record Refused(AuthorizeRefusal refusal, Optional<String> clientId, Optional<URI> redirectUri, Optional<String> state,
      Optional<String> detail) implements AuthorizeCheck {}
}
