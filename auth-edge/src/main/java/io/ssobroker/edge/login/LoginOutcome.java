package io.ssobroker.edge.login;

import io.ssobroker.edge.connector.LoginReason;

/** How a login request ends, for the router to answer: it goes on at the IdP, it signed the user in, or it failed. */
public sealed interface LoginOutcome {

  /** The login begun: the browser signs in at the IdP. */
  record ToIdp(String location) implements LoginOutcome {}

  /** The user is signed in: the session cookie to set, and where the browser goes next. */
  record SignedIn(String location, String sessionCookie) implements LoginOutcome {}

  /** The login failed, for this reason; its audit event's id is the support reference. */
  record Failed(LoginReason reason, String reference) implements LoginOutcome {}
}
