package io.ssobroker.edge.internal.provider;

import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;

/** How a token request ends, for the route to answer: tokens, or a refusal with its OAuth 2.0 error. */
sealed interface TokenOutcome {

  record Issued(OIDCTokenResponse response) implements TokenOutcome {}

  /** {@code challengeBasic}: the client tried HTTP Basic, so a 401 names that scheme (RFC 6749 5.2). */
  record Refused(TokenRefusal refusal, boolean challengeBasic) implements TokenOutcome {}
}
