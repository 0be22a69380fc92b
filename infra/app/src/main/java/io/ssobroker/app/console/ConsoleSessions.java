package io.ssobroker.app.console;

import io.ssobroker.platform.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, held by this process: an admin port is reached directly (a port-forward or an internal
 * address), not through a load balancer, and a restart asks admins to sign in again. A session ends after
 * {@link #IDLE} without a request, and after {@link #LONGEST} in any case.
 */
final class ConsoleSessions {

  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration LONGEST = Duration.ofHours(12);
  private static final int MAX_SESSIONS = 10_000;

  private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  ConsoleSession start(String tokenHash) {
    return start(tokenHash, Optional.empty());
  }

  /** A session of a directory user who signed in through the broker. */
  ConsoleSession startFor(UUID directoryUser) {
    return start("", Optional.of(directoryUser));
  }

  private ConsoleSession start(String tokenHash, Optional<UUID> directoryUser) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(session -> !live(session, now));
    }
    ConsoleSession session = new ConsoleSession(Tokens.random(), tokenHash, directoryUser, Tokens.random(), now, now);
    sessions.put(session.id(), session);
    return session;
  }

  /** The live session of this id, its idle time starting again; an ended one is forgotten. */
  Optional<ConsoleSession> touch(String id) {
    Instant now = clock.instant();
    ConsoleSession session = id == null ? null : sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (!live(session, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    ConsoleSession seen = session.seenAt(now);
    sessions.put(id, seen);
    return Optional.of(seen);
  }

  void end(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  private static boolean live(ConsoleSession session, Instant now) {
    return now.isBefore(session.lastSeenAt().plus(IDLE)) && now.isBefore(session.startedAt().plus(LONGEST));
  }
}
