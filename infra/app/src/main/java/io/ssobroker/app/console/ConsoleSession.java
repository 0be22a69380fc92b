package io.ssobroker.app.console;

import java.time.Instant;

/**
 * One signed-in admin in the console: the hash of the admin token they signed in with, or of the secret a setup link
 * was bound to when it was opened (checked again on every request, so that a revoked token or link ends the session),
 * and the token their forms must carry.
 */
record ConsoleSession(String id, String tokenHash, String csrfToken, Instant startedAt, Instant lastSeenAt) {

  ConsoleSession seenAt(Instant now) {
    return new ConsoleSession(id, tokenHash, csrfToken, startedAt, now);
  }
}
