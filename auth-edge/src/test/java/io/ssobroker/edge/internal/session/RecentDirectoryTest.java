package io.ssobroker.edge.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserStatus;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The directory's answers are reused for a few seconds only, never across a change, and never when they were asked
 * for before a change. The directory here is a bus endpoint over a map, so that the test sees every question.
 */
class RecentDirectoryTest {

  private static final DirectoryUser ANN =
      new DirectoryUser(UUID.randomUUID(), "ann@acme.com", "Ann", "acme", UserStatus.ACTIVE);

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T09:00:00Z"));
  private final Map<UUID, DirectoryUser> users = new ConcurrentHashMap<>();
  private final Set<UUID> unanswerable = ConcurrentHashMap.newKeySet();
  private final AtomicInteger asked = new AtomicInteger();
  private final AtomicReference<Promise<Void>> holdAnswers = new AtomicReference<>();
  private Vertx vertx;
  private RecentDirectory directory;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    BusEndpoint.serve(vertx, DirectoryContract.USER_BY_ID, request -> {
      asked.incrementAndGet();
      UUID id = UUID.fromString(request.getString("id"));
      if (unanswerable.contains(id)) {
        return Future.failedFuture(new IllegalStateException("the directory's database is down"));
      }
      return held().map(released -> answer(users.get(id)));
    });
    BusEndpoint.serve(vertx, DirectoryContract.USER_BY_EMAIL, request -> {
      asked.incrementAndGet();
      String email = request.getString("email");
      return held().map(released -> answer(users.values().stream()
          .filter(user -> user.email().equals(email)).findFirst().orElse(null)));
    });
    directory = new RecentDirectory(new DirectoryClient(new BusRequester(vertx, Duration.ofSeconds(2))), clock);
    users.put(ANN.id(), ANN);
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void aSessionUsedRightAfterItsLoginIsCheckedAgainstTheLoginsAnswer() {
    assertThat(Await.result(directory.userByEmail(EmailAddress.parse("ann@acme.com").orElseThrow()))).contains(ANN);
    assertThat(Await.result(directory.userById(ANN.id()))).contains(ANN);
    assertThat(Await.result(directory.userById(ANN.id()))).contains(ANN);

    assertThat(asked).hasValue(1);
  }

  @Test
  void aLoginAlwaysAsksTheDirectory() {
    Await.result(directory.userById(ANN.id()));
    Await.result(directory.userByEmail(EmailAddress.parse("ann@acme.com").orElseThrow()));
    Await.result(directory.userByEmail(EmailAddress.parse("ann@acme.com").orElseThrow()));

    assertThat(asked).hasValue(3);
  }

  @Test
  void anAnswerIsAskedForAgainOnceItIsOlderThanItsFreshness() {
    Await.result(directory.userById(ANN.id()));
    clock.advance(RecentDirectory.FRESHNESS.minusMillis(1));
    Await.result(directory.userById(ANN.id()));
    assertThat(asked).hasValue(1);

    DirectoryUser disabled = new DirectoryUser(ANN.id(), ANN.email(), ANN.name(), ANN.org(), UserStatus.DISABLED);
    users.put(ANN.id(), disabled);
    clock.advance(Duration.ofMillis(1));

    assertThat(Await.result(directory.userById(ANN.id()))).contains(disabled);
    assertThat(asked).hasValue(2);
  }

  @Test
  void aChangeNoticeForgetsEveryAnswer() {
    Await.result(directory.userById(ANN.id()));
    users.remove(ANN.id());

    directory.forgetAll();

    assertThat(Await.result(directory.userById(ANN.id()))).isEmpty();
    assertThat(asked).hasValue(2);
  }

  @Test
  void anAnswerToAQuestionAskedBeforeAChangeIsNotRemembered() {
    Promise<Void> release = Promise.promise();
    holdAnswers.set(release);
    Future<Optional<DirectoryUser>> askedBeforeTheChange = directory.userById(ANN.id());
    awaitAsked(1);

    directory.forgetAll();
    holdAnswers.set(null);
    release.complete();

    assertThat(Await.result(askedBeforeTheChange)).contains(ANN);
    Await.result(directory.userById(ANN.id()));
    assertThat(asked).hasValue(2);
  }

  @Test
  void neitherAnUnknownUserNorAFailureIsRemembered() {
    UUID unknown = UUID.randomUUID();
    assertThat(Await.result(directory.userById(unknown))).isEmpty();
    users.put(unknown, new DirectoryUser(unknown, "new@acme.com", "New", "acme", UserStatus.ACTIVE));
    assertThat(Await.result(directory.userById(unknown))).isPresent();

    UUID failing = UUID.randomUUID();
    unanswerable.add(failing);
    assertThat(Await.failure(directory.userById(failing))).isNotNull();
    assertThat(Await.failure(directory.userById(failing))).isNotNull();
    assertThat(asked).hasValue(4);
  }

  private Future<Void> held() {
    Promise<Void> hold = holdAnswers.get();
    return hold == null ? Future.succeededFuture() : hold.future();
  }

  private static JsonObject answer(DirectoryUser user) {
    if (user == null) {
      throw ServiceException.notFound("no such user");
    }
    return user.toJson();
  }

  private void awaitAsked(int times) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (asked.get() < times) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the directory was not asked");
      }
      Thread.onSpinWait();
    }
  }
}
