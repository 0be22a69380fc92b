package io.ssobroker.edge.internal.provider;

import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.ssobroker.platform.EmailAddress;
import java.net.URI;
import java.util.Optional;

/** How an authorization request ends, for the router to answer. */
public sealed interface AuthorizeOutcome {

  /** To the client: the code, or an error the client may be told. */
  record Redirect(String location) implements AuthorizeOutcome {}

  /** The user signs in first (the email page, or the hinted domain's IdP); the login then ends with the code. */
  record SignIn(PendingAuthorization authorization, Optional<EmailAddress> loginHint) implements AuthorizeOutcome {}

  /** A request the client cannot be told about (unknown client or redirect URI): an error page, never a redirect. */
  record ErrorPage(AuthorizeRefusal refusal, String reference) implements AuthorizeOutcome {}
}
