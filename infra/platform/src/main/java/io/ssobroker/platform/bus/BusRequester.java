package io.ssobroker.platform.bus;

import io.ssobroker.platform.log.CorrelationId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The asking side of an event-bus contract: always with a send timeout and the current correlation id; failures come
 * back as {@link ServiceException} with a {@link ServiceFailure}.
 */
public final class BusRequester {

  public static final String CORRELATION_HEADER = "correlation-id";

  private static final long RETRY_PAUSE_MILLIS = 250;

  private final Vertx vertx;
  private final long timeoutMillis;
  private final int lookupAttempts;

  public BusRequester(Vertx vertx, Duration timeout) {
    this(vertx, timeout, 1);
  }

  /**
   * @param lookupAttempts how many times a {@link #lookup} is sent when it finds no handler or no answer in time: in a
   *     fleet, a replica that has just died is still listed for its addresses until the membership notices (a few
   *     seconds), requests sent to it are lost, and each next attempt goes to the next replica in turn. Each attempt
   *     has the whole timeout: a replica that has just started may take a while for its first answers. A failure that
   *     comes at once (the dead replica's port refuses) is sent again after a short pause, as long as the attempts'
   *     whole time has not passed: quick failures alone would otherwise use up the attempts before the membership
   *     notices
   */
  public BusRequester(Vertx vertx, Duration timeout, int lookupAttempts) {
    this.vertx = vertx;
    this.timeoutMillis = timeout.toMillis();
    this.lookupAttempts = lookupAttempts;
  }

  /** A request that only reads: sent again (up to the lookup attempts) when the failure may be another replica's. */
  public Future<JsonObject> lookup(String address, JsonObject body) {
    long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis * lookupAttempts);
    return lookup(address, body, lookupAttempts, giveUpAt);
  }

  private Future<JsonObject> lookup(String address, JsonObject body, int attemptsLeft, long giveUpAt) {
    long sentAt = System.nanoTime();
    return request(address, body).recover(failure -> {
      if (!(failure instanceof ServiceException e && e.failure().retriable()) || lookupAttempts == 1) {
        return Future.failedFuture(failure);
      }
      boolean timedOut = System.nanoTime() - sentAt >= TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      int left = timedOut ? attemptsLeft - 1 : attemptsLeft;
      long pauseMillis = timedOut ? 0 : RETRY_PAUSE_MILLIS;
      if (left < 1 || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) >= giveUpAt) {
        return Future.failedFuture(failure);
      }
      return pauseMillis == 0 ? lookup(address, body, left, giveUpAt)
          : vertx.timer(pauseMillis).compose(paused -> lookup(address, body, left, giveUpAt));
    });
  }

  /** Like {@link #lookup}, with NOT_FOUND as an empty answer rather than a failure. */
  public Future<Optional<JsonObject>> lookupOptional(String address, JsonObject body) {
    return lookup(address, body).map(Optional::of).recover(BusRequester::notFoundAsEmpty);
  }

  public Future<JsonObject> request(String address, JsonObject body) {
    return request(address, body, timeoutMillis);
  }

  /** For the few requests whose work grows with their input (a bulk import), with a timeout of their own. */
  public Future<JsonObject> request(String address, JsonObject body, Duration timeout) {
    return request(address, body, timeout.toMillis());
  }

  private Future<JsonObject> request(String address, JsonObject body, long timeoutMillis) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    CorrelationId.current().ifPresent(id -> options.addHeader(CORRELATION_HEADER, id));
    return vertx.eventBus().<JsonObject>request(address, body, options)
        .map(Message::body)
        .recover(failure -> Future.failedFuture(asServiceException(address, failure)));
  }

  /** Like {@link #request}, with NOT_FOUND as an empty answer rather than a failure. */
  public Future<Optional<JsonObject>> requestOptional(String address, JsonObject body) {
    return request(address, body).map(Optional::of).recover(BusRequester::notFoundAsEmpty);
  }

  private static Future<Optional<JsonObject>> notFoundAsEmpty(Throwable failure) {
    return failure instanceof ServiceException e && e.failure() == ServiceFailure.NOT_FOUND
        ? Future.succeededFuture(Optional.empty())
        : Future.failedFuture(failure);
  }

  private static ServiceException asServiceException(String address, Throwable failure) {
    if (failure instanceof ServiceException serviceException) {
      return serviceException;
    }
    ServiceFailure kind = ServiceFailure.of(failure);
    return switch (kind) {
      case TIMEOUT -> new ServiceException(kind, "no answer from " + address + " in time");
      case UNAVAILABLE -> new ServiceException(kind, "no service answers " + address);
      default -> FailureMessage.decode(kind, failure.getMessage());
    };
  }
}
