package io.ssobroker.edge.session;

import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserStatus;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of a request, only while its user is still the one it was issued to: active, in the same org, with the
 * same email. A user disabled, deleted, moved or re-addressed in the directory loses every session at once: the
 * directory announces it and the sessions are deleted, and each use checks the directory too (or its answer of the
 * last few seconds, see {@link RecentDirectory}), in case the notice was lost. When the directory cannot answer, the
 * session is not vouched for (the request fails, it is not let through).
 */
public final class ActiveSessions {

  private static final Logger LOG = LoggerFactory.getLogger(ActiveSessions.class);

  private final SessionStore sessions;
  private final RecentDirectory directory;

  public ActiveSessions(SessionStore sessions, RecentDirectory directory) {
    this.sessions = sessions;
    this.directory = directory;
  }

  public Future<Optional<Session>> find(String cookieValue) {
    return sessions.find(cookieValue).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(found);
      }
      Session session = found.get();
      return directory.userById(session.userId()).compose(user -> {
        if (user.isPresent() && stillHolds(session, user.get())) {
          return Future.succeededFuture(found);
        }
        return endAllOf(session.userId()).map(ended -> Optional.empty());
      });
    });
  }

  /** Ends every session of a user the directory says changed. */
  public Future<Integer> endAllOf(UUID userId) {
    return sessions.deleteAllOf(userId).onSuccess(count -> {
      if (count > 0) {
        LOG.info("ended {} sessions of user {}: the directory changed the user", count, userId);
      }
    });
  }

  private static boolean stillHolds(Session session, DirectoryUser user) {
    return user.status() == UserStatus.ACTIVE && user.org().equals(session.org())
        && user.email().equals(session.email());
  }
}
