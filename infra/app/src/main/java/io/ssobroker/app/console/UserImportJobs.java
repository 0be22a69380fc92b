package io.ssobroker.app.console;

import io.ssobroker.directory.imports.UserImportStream;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's CSV imports, each run in the background over a {@link UserImportStream} while its page shows the
 * progress; an import belongs to the console session that started it, and is forgotten an hour after it ended.
 */
final class UserImportJobs {

  static final Duration KEPT = Duration.ofHours(1);
  private static final int MAX_JOBS = 200;

  /** One import: how far it got, and its report or why it failed once it ended. */
  static final class Job {
    final String id = Tokens.random();
    final String sessionId;
    final String org;
    final long totalLines;
    volatile UserImportStream stream;
    volatile Optional<JsonObject> report = Optional.empty();
    volatile Optional<String> failure = Optional.empty();
    volatile Instant endedAt;

    Job(String sessionId, String org, long totalLines) {
      this.sessionId = sessionId;
      this.org = org;
      this.totalLines = totalLines;
    }

    boolean ended() {
      return endedAt != null;
    }

    long checkedLines() {
      UserImportStream running = stream;
      return ended() ? totalLines : running == null ? 0 : running.checkedLines();
    }

    JsonObject progress() {
      return new JsonObject().put("ended", ended()).put("lines", totalLines).put("checked", checkedLines());
    }
  }

  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final BusRequester bus;
  private final Clock clock;

  UserImportJobs(BusRequester bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  /** Starts importing these CSV lines (its header first) into {@code org} as {@code actor}. */
  Job start(String sessionId, AdminActor actor, String org, List<String> lines, boolean atomic) {
    forgetEnded();
    if (jobs.size() >= MAX_JOBS) {
      throw new ServiceException(ServiceFailure.UNAVAILABLE, "too many imports are running; try again in a minute");
    }
    Job job = new Job(sessionId, org, lines.size());
    jobs.put(job.id, job);
    UserImportStream.begin(bus, actor, org, "csv").compose(stream -> {
      job.stream = stream;
      return addFrom(stream, lines, 0).compose(added -> stream.finish(atomic))
          .onFailure(failed -> stream.abort());
    }).onComplete(done -> {
      if (done.succeeded()) {
        job.report = Optional.of(done.result());
      } else {
        job.failure = Optional.of(done.cause() instanceof ServiceException || done.cause()
            instanceof UserImportStream.Refused ? done.cause().getMessage() : "The import failed; try again.");
      }
      job.endedAt = clock.instant();
    });
    return job;
  }

  /** The import of this id, to the session that started it only. */
  Optional<Job> find(String sessionId, String org, String id) {
    return Optional.ofNullable(jobs.get(id)).filter(job -> job.sessionId.equals(sessionId) && job.org.equals(org));
  }

  /** Adds lines while the stream takes them at once; waits for a chunk's check only when it has one in flight. */
  private static Future<Void> addFrom(UserImportStream stream, List<String> lines, int from) {
    int index = from;
    while (index < lines.size()) {
      Future<Void> taken = stream.add(lines.get(index++));
      if (!taken.isComplete() || taken.failed()) {
        int next = index;
        return taken.compose(added -> addFrom(stream, lines, next));
      }
    }
    return Future.succeededFuture();
  }

  private void forgetEnded() {
    Instant now = clock.instant();
    jobs.values().removeIf(job -> job.ended() && job.endedAt.plus(KEPT).isBefore(now));
  }
}
