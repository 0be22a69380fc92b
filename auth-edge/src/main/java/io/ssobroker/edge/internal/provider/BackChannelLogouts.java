package io.ssobroker.edge.internal.provider;

import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.ssobroker.platform.registry.RegistryClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers OIDC Back-Channel Logout 1.0: for each ended session and product in {@code edge.backchannel_logouts}
 * (written by the transaction that ended the session), a logout token signed for the client, POSTed to its {@code
 * backchannelLogoutUri}. A product that does not answer 200 or 204 is asked again with a growing pause (1 s doubling
 * to 5 min) until a day has passed; a delivery in flight holds its row for a minute, so that with several edges each
 * logout is sent by one of them at a time. Due rows are looked for every second, and at once after a session ends.
 */
final class BackChannelLogouts {

  private static final Logger LOG = LoggerFactory.getLogger(BackChannelLogouts.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration IN_FLIGHT = Duration.ofMinutes(1);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);
  private static final Duration GIVE_UP_AFTER = Duration.ofDays(1);
  private static final int BATCH = 50;
  private static final int MAX_ANSWER_BYTES = 16 * 1024;

  private static final String CLAIM_DUE = """
      update edge.backchannel_logouts b set next_attempt_at = $2, attempts = attempts + 1
       where (sid, client_id) in (select sid, client_id from edge.backchannel_logouts where next_attempt_at <= $1
                                   order by next_attempt_at limit $3 for update skip locked)
      returning sid, client_id, user_id, attempts, created_at
      """;
  private static final String DELIVERED = "delete from edge.backchannel_logouts where sid = $1 and client_id = $2";
  private static final String RETRY_AT = """
      update edge.backchannel_logouts set next_attempt_at = $3, last_error = $4 where sid = $1 and client_id = $2
      """;

  private record Due(UUID sid, String clientId, UUID userId, int attempts, Instant createdAt) {}

  private final Vertx vertx;
  private final Pool pool;
  private final RegistryClient registry;
  private final TokenMinter minter;
  private final IdpHttp http;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private long timer = -1;

  BackChannelLogouts(Vertx vertx, Pool pool, RegistryClient registry, TokenMinter minter, IdpHttp http, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.registry = registry;
    this.minter = minter;
    this.http = http;
    this.clock = clock;
  }

  void start() {
    timer = vertx.setPeriodic(POLL.toMillis(), tick -> deliverDue());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Sessions just ended with products to tell: deliver now rather than at the next poll. Safe from any thread. */
  public void nudge() {
    vertx.runOnContext(now -> deliverDue());
  }

  private void deliverDue() {
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    Instant now = clock.instant();
    pool.preparedQuery(CLAIM_DUE)
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), now.plus(IN_FLIGHT).atOffset(ZoneOffset.UTC), BATCH))
        .compose(rows -> {
          List<Future<Void>> deliveries = new ArrayList<>();
          for (Row row : rows) {
            deliveries.add(deliver(new Due(row.getUUID("sid"), row.getString("client_id"), row.getUUID("user_id"),
                row.getInteger("attempts"), row.getOffsetDateTime("created_at").toInstant())));
          }
          return Future.join(deliveries).map(done -> rows.size());
        })
        .onFailure(failure -> LOG.warn("cannot deliver back-channel logouts: {}", failure.getMessage()))
        .onComplete(done -> {
          running.set(false);
          boolean full = done.succeeded() && done.result() == BATCH;
          if (again.getAndSet(false) || full) {
            deliverDue();
          }
        });
  }

  private Future<Void> deliver(Due due) {
    return registry.clientById(due.clientId()).compose(client -> {
      Optional<ClientDescriptor> found = client.filter(known -> known.backchannelLogoutUri().isPresent());
      if (found.isEmpty()) {
        return delivered(due);
      }
      String token = minter.logoutToken(found.get(), due.sid(), due.userId(), clock.instant());
      return http.postForm(found.get().backchannelLogoutUri().get(), Map.of("logout_token", token),
              MultiMap.caseInsensitiveMultiMap(), MAX_ANSWER_BYTES)
          .compose(answer -> answer.status() == 200 || answer.status() == 204 ? delivered(due)
              : failed(due, "answered " + answer.status()),
              failure -> failed(due, String.valueOf(failure.getMessage())));
    }, unavailable -> failed(due, "the registry cannot say where to send it"));
  }

  private Future<Void> delivered(Due due) {
    return pool.preparedQuery(DELIVERED).execute(Tuple.of(due.sid(), due.clientId())).mapEmpty();
  }

  private Future<Void> failed(Due due, String error) {
    Instant now = clock.instant();
    if (now.isAfter(due.createdAt().plus(GIVE_UP_AFTER))) {
      LOG.warn("gave up the back-channel logout of session {} to client {} after {} attempts: {}", due.sid(),
          due.clientId(), due.attempts(), error);
      return delivered(due);
    }
    Duration pause = pauseAfter(due.attempts());
    LOG.info("back-channel logout of session {} to client {} failed ({}); attempt {} in {} s", due.sid(),
        due.clientId(), error, due.attempts() + 1, pause.toSeconds());
    return pool.preparedQuery(RETRY_AT).execute(Tuple.of(due.sid(), due.clientId(),
        now.plus(pause).atOffset(ZoneOffset.UTC), error.length() > 200 ? error.substring(0, 200) : error)).mapEmpty();
  }

  /** 1 s after the first failure, doubling, at most {@link #LONGEST_PAUSE}. */
  static Duration pauseAfter(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 20);
    Duration pause = FIRST_PAUSE.multipliedBy(1L << doublings);
    return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
  }
}
