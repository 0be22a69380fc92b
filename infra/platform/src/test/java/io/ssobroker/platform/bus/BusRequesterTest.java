package io.ssobroker.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusRequesterTest {

  private static final String ADDRESS = "test.lookup.v1";

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  /** A dead replica's turns fail at once, again and again until the membership drops it: that uses up no attempt. */
  @Test
  void quickFailuresOfAReplicaThatIsGoneDoNotUseUpTheAttempts() {
    AtomicInteger asked = answerAfterFailures(5, ServiceFailure.UNAVAILABLE);

    JsonObject answer = Await.result(new BusRequester(vertx, Duration.ofSeconds(2), 3)
        .lookup(ADDRESS, new JsonObject()));

    assertThat(answer.getString("answer")).isEqualTo("found");
    assertThat(asked).hasValue(6);
  }

  @Test
  void aFailureThatIsTheAnswerIsNotSentAgain() {
    AtomicInteger asked = answerAfterFailures(5, ServiceFailure.NOT_FOUND);

    Future<JsonObject> lookup = new BusRequester(vertx, Duration.ofSeconds(2), 3).lookup(ADDRESS, new JsonObject());

    assertThat(Await.failure(lookup)).isInstanceOfSatisfying(ServiceException.class,
        failure -> assertThat(failure.failure()).isEqualTo(ServiceFailure.NOT_FOUND));
    assertThat(asked).hasValue(1);
  }

  @Test
  void outsideAFleetALookupIsSentOnce() {
    AtomicInteger asked = answerAfterFailures(1, ServiceFailure.UNAVAILABLE);

    Future<JsonObject> lookup = new BusRequester(vertx, Duration.ofSeconds(2)).lookup(ADDRESS, new JsonObject());

    assertThat(Await.failure(lookup)).isInstanceOf(ServiceException.class);
    assertThat(asked).hasValue(1);
  }

  @Test
  void quickFailuresStopWhenTheAttemptsWholeTimeHasPassed() {
    AtomicInteger asked = answerAfterFailures(Integer.MAX_VALUE, ServiceFailure.UNAVAILABLE);

    Future<JsonObject> lookup = new BusRequester(vertx, Duration.ofMillis(300), 2).lookup(ADDRESS, new JsonObject());

    assertThat(Await.failure(lookup)).isInstanceOfSatisfying(ServiceException.class,
        failure -> assertThat(failure.failure()).isEqualTo(ServiceFailure.UNAVAILABLE));
    assertThat(asked.get()).as("sent every 250 ms within 2 x 300 ms").isBetween(2, 3);
  }

  private AtomicInteger answerAfterFailures(int failures, ServiceFailure failure) {
    AtomicInteger asked = new AtomicInteger();
    Await.result(vertx.eventBus().<JsonObject>consumer(ADDRESS, message -> {
      if (asked.incrementAndGet() <= failures) {
        message.fail(failure.code(), failure.name());
      } else {
        message.reply(new JsonObject().put("answer", "found"));
      }
    }).completion());
    return asked;
  }
}
