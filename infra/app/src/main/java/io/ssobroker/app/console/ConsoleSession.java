package io.ssobroker.app.console;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One signed-in admin in the console, and what is checked again on every request (so that a revoked token or link, or
 * a user disabled or no longer an admin, ends the session): the hash of the admin token they signed in with, or of the
 * secret a setup link was bound to when it was opened; or the directory user who signed in through the broker. With
 * the token their forms must carry.
 */
record ConsoleSession(String id, String tokenHash, Optional<UUID> directoryUser, String csrfToken, Instant startedAt,
    Instant lastSeenAt) {

  ConsoleSession seenAt(Instant now) {
    return new ConsoleSession(id, tokenHash, directoryUser, csrfToken, startedAt, now);
  }
}
