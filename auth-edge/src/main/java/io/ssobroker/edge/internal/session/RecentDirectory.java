package io.ssobroker.edge.internal.session;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.bus.AnswerCache;
import io.ssobroker.platform.bus.ChangeNotices;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.directory.DirectoryUser;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The user directory with a memory of what it said about users in the last few seconds. A login always asks it; a
 * session used within {@link #FRESHNESS} of its login (or of its last check) is checked against that answer instead
 * of asking again, which takes an event-bus request and a query off the path of a product's GET /session right after
 * the redirect. Any directory change notice empties the memory (in this process before the changing call answers, see
 * {@code ChangeNotices}), and an answer to a question asked before a change is not remembered; so only a notice lost
 * on its way to another process can leave an answer standing, and then for {@link #FRESHNESS} at most.
 */
public final class RecentDirectory {

  public static final Duration FRESHNESS = Duration.ofSeconds(5);
  private static final int MAX_REMEMBERED = 50_000;

  private final DirectoryClient directory;
  private final AnswerCache<DirectoryUser> answers;

  public RecentDirectory(DirectoryClient directory, Clock clock) {
    this.directory = directory;
    this.answers = new AnswerCache<>(FRESHNESS, MAX_REMEMBERED, clock);
  }

  /** Always asks the directory; remembers the user it finds. */
  public Future<Optional<DirectoryUser>> userByEmail(EmailAddress email) {
    long generation = answers.generation();
    return directory.userByEmail(email).onSuccess(found -> found.ifPresent(user -> remember(generation, user)));
  }

  /** What the directory said about the user moments ago, else its answer now. */
  public Future<Optional<DirectoryUser>> userById(UUID id) {
    Optional<DirectoryUser> recent = answers.get(id.toString());
    if (recent.isPresent()) {
      return Future.succeededFuture(recent);
    }
    long generation = answers.generation();
    return directory.userById(id).onSuccess(found -> found.ifPresent(user -> remember(generation, user)));
  }

  /** The directory's answer now, whatever was remembered (a change notice names this user). */
  public Future<Optional<DirectoryUser>> userByIdNow(UUID id) {
    return directory.userById(id);
  }

  /** A user changed somewhere in the directory: nothing remembered stands any more. Safe from any thread. */
  public void forgetAll() {
    answers.clear();
  }

  private void remember(long generation, DirectoryUser user) {
    answers.put(user.id().toString(), user, generation, Optional.empty());
  }
}
