package io.ssobroker.edge.internal.session;

import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.edge.internal.session.SessionEndings.CurrentUser;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserStatus;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of a request, only while its user is still the one it was issued to: active, in the same org, with the
 * same email. A user disabled, deleted, moved or re-addressed in the directory loses every session at once: the
 * directory announces it and the sessions end (with back-channel logout to the products, see {@link SessionEndings}),
 * and each use checks the directory too (or its answer of the last few seconds, see {@link RecentDirectory}), in case
 * the notice was lost. When the directory cannot answer, the session is not vouched for (the request fails, it is not
 * let through).
 */
public final class ActiveSessions {

  private static final Logger LOG = LoggerFactory.getLogger(ActiveSessions.class);

  private final SessionStore sessions;
  private final RecentDirectory directory;
  private final SessionEndings endings;

  public ActiveSessions(SessionStore sessions, RecentDirectory directory, SessionEndings endings) {
    this.sessions = sessions;
    this.directory = directory;
    this.endings = endings;
  }

  public Future<Optional<Session>> find(String cookieValue) {
    return sessions.find(cookieValue).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(found);
      }
      Session session = found.get();
      return stillHolds(session.userId(), session.org(), session.email())
          .map(holds -> holds ? found : Optional.<Session>empty());
    });
  }

  /**
   * Whether the user a token is about to be issued to is still the one the session was issued to; when not, the
   * user's sessions that no longer hold end, as on any other use.
   */
  public Future<Boolean> stillHolds(UUID userId, String org, String email) {
    return directory.userById(userId).compose(user -> {
      if (user.isPresent() && user.get().status() == UserStatus.ACTIVE && user.get().org().equals(org)
          && user.get().email().equals(email)) {
        return Future.succeededFuture(true);
      }
      return endChanged(userId, user).map(ended -> false);
    });
  }

  /** The directory says this user changed: ends the sessions the change voids. */
  public Future<Integer> userChanged(UUID userId) {
    return directory.userByIdNow(userId).compose(user -> endChanged(userId, user));
  }

  private Future<Integer> endChanged(UUID userId, Optional<DirectoryUser> user) {
    Optional<CurrentUser> current = user.map(found -> new CurrentUser(found.status() == UserStatus.ACTIVE,
        found.org(), found.email()));
    return endings.ofChangedUser(userId, current, ClientInfo.NONE).map(List::size).onSuccess(count -> {
      if (count > 0) {
        LOG.info("ended {} sessions of user {}: the directory changed the user", count, userId);
      }
    });
  }
}
