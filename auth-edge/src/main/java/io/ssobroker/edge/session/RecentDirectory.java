package io.ssobroker.edge.session;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.directory.DirectoryUser;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
  private final Clock clock;
  private final Map<UUID, Answer> answers = new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();

  public RecentDirectory(DirectoryClient directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  /** Always asks the directory; remembers the user it finds. */
  public Future<Optional<DirectoryUser>> userByEmail(EmailAddress email) {
    long changesBefore = changes.get();
    return directory.userByEmail(email).onSuccess(found -> found.ifPresent(user -> remember(changesBefore, user)));
  }

  /** What the directory said about the user moments ago, else its answer now. */
  public Future<Optional<DirectoryUser>> userById(UUID id) {
    Answer recent = answers.get(id);
    if (recent != null && clock.instant().isBefore(recent.freshUntil())) {
      return Future.succeededFuture(Optional.of(recent.user()));
    }
    long changesBefore = changes.get();
    return directory.userById(id).onSuccess(found -> {
      if (found.isPresent()) {
        remember(changesBefore, found.get());
      } else {
        answers.remove(id);
      }
    });
  }

  /** A user changed somewhere in the directory: nothing remembered stands any more. Safe from any thread. */
  public void forgetAll() {
    changes.incrementAndGet();
    answers.clear();
  }

  private void remember(long changesBefore, DirectoryUser user) {
    if (changes.get() != changesBefore) {
      return;
    }
    if (answers.size() >= MAX_REMEMBERED) {
      answers.clear();
    }
    answers.put(user.id(), new Answer(user, clock.instant().plus(FRESHNESS)));
    // a change announced between the check above and the put must not leave this answer behind
    if (changes.get() != changesBefore) {
      answers.remove(user.id());
    }
  }

  private record Answer(DirectoryUser user, Instant freshUntil) {}
}
