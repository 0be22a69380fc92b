package io.ssobroker.platform.bus;

import io.ssobroker.platform.log.CorrelationId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving side of an event-bus contract: takes the correlation id from the request headers, runs the handler,
 * and replies with its JSON or fails with a {@link ServiceFailure} code. Unexpected errors are logged here and
 * answered as {@code INTERNAL} without their details.
 */
public final class BusEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(BusEndpoint.class);
  private static final String SERVING = BusEndpoint.class.getName() + ".serving";
  private static final long DRAIN_POLL_MS = 20;
  private static final long DRAIN_LIMIT_MS = 10_000;

  /** What one verticle serves: its consumers, and how many of their requests are being answered now. */
  private record Serving(List<MessageConsumer<JsonObject>> consumers, AtomicInteger inFlight) {}

  private BusEndpoint() {}

  public static MessageConsumer<JsonObject> serve(
      Vertx vertx, String address, Function<JsonObject, Future<JsonObject>> handler) {
    Serving serving = serving(vertx.getOrCreateContext());
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, message -> {
      serving.inFlight().incrementAndGet();
      handle(address, message, handler).onComplete(answered -> serving.inFlight().decrementAndGet());
    });
    serving.consumers().add(consumer);
    return consumer;
  }

  /**
   * Stops serving every address the verticle of this context serves, before it closes what its handlers use: the
   * registrations are withdrawn across the cluster, so that other replicas take the requests from now on, and the
   * future completes once the requests already taken are answered (or after 10 s).
   */
  public static Future<Void> stopServing(Vertx vertx) {
    Context context = vertx.getOrCreateContext();
    Serving serving = serving(context);
    List<Future<Void>> withdrawn = new ArrayList<>();
    serving.consumers().forEach(consumer -> withdrawn.add(consumer.unregister()));
    serving.consumers().clear();
    Promise<Void> drained = Promise.promise();
    long giveUpAt = System.nanoTime() + DRAIN_LIMIT_MS * 1_000_000;
    Future.join(withdrawn).onComplete(unregistered -> awaitDrained(vertx, serving, giveUpAt, drained));
    return drained.future();
  }

  private static void awaitDrained(Vertx vertx, Serving serving, long giveUpAt, Promise<Void> drained) {
    if (serving.inFlight().get() == 0 || System.nanoTime() > giveUpAt) {
      drained.tryComplete();
    } else {
      vertx.setTimer(DRAIN_POLL_MS, tick -> awaitDrained(vertx, serving, giveUpAt, drained));
    }
  }

  private static Serving serving(Context context) {
    Serving serving = context.get(SERVING);
    if (serving == null) {
      serving = new Serving(java.util.Collections.synchronizedList(new ArrayList<>()), new AtomicInteger());
      context.put(SERVING, serving);
    }
    return serving;
  }

  /** Registers the consumer and completes once the registration has reached every node of the cluster. */
  public static Future<MessageConsumer<JsonObject>> serveWhenRegistered(
      Vertx vertx, String address, Function<JsonObject, Future<JsonObject>> handler) {
    MessageConsumer<JsonObject> consumer = serve(vertx, address, handler);
    return consumer.completion().map(done -> consumer);
  }

  private static Future<JsonObject> handle(
      String address, Message<JsonObject> message, Function<JsonObject, Future<JsonObject>> handler) {
    CorrelationId.set(Vertx.currentContext(), CorrelationId.acceptOrCreate(message.headers().get(BusRequester.CORRELATION_HEADER)));
    Future<JsonObject> answer;
    try {
      JsonObject body = message.body() == null ? new JsonObject() : message.body();
      answer = handler.apply(body);
    } catch (RuntimeException failure) {
      answer = Future.failedFuture(failure);
    }
    return answer.onComplete(reply -> {
      if (reply.succeeded()) {
        message.reply(reply.result());
        return;
      }
      Throwable failure = reply.cause();
      if (failure instanceof ServiceException expected) {
        message.fail(expected.failure().code(), FailureMessage.encode(expected));
      } else {
        LOG.error("request to {} failed", address, failure);
        message.fail(ServiceFailure.INTERNAL.code(), "internal error");
      }
    });
  }
}
