package io.ssobroker.platform.bus;

import io.ssobroker.platform.log.CorrelationId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
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

  private BusEndpoint() {}

  public static MessageConsumer<JsonObject> serve(
      Vertx vertx, String address, Function<JsonObject, Future<JsonObject>> handler) {
    return vertx.eventBus().consumer(address, message -> handle(address, message, handler));
  }

  /** Registers the consumer and completes once the registration has reached every node of the cluster. */
  public static Future<MessageConsumer<JsonObject>> serveWhenRegistered(
      Vertx vertx, String address, Function<JsonObject, Future<JsonObject>> handler) {
    MessageConsumer<JsonObject> consumer = serve(vertx, address, handler);
    return consumer.completion().map(done -> consumer);
  }

  private static void handle(
      String address, Message<JsonObject> message, Function<JsonObject, Future<JsonObject>> handler) {
    CorrelationId.set(Vertx.currentContext(), CorrelationId.acceptOrCreate(message.headers().get(BusRequester.CORRELATION_HEADER)));
    Future<JsonObject> answer;
    try {
      JsonObject body = message.body() == null ? new JsonObject() : message.body();
      answer = handler.apply(body);
    } catch (RuntimeException failure) {
      answer = Future.failedFuture(failure);
    }
    answer.onComplete(reply -> {
      if (reply.succeeded()) {
        message.reply(reply.result());
        return;
      }
      Throwable failure = reply.cause();
      if (failure instanceof ServiceException expected) {
        message.fail(expected.failure().code(), expected.getMessage());
      } else {
        LOG.error("request to {} failed", address, failure);
        message.fail(ServiceFailure.INTERNAL.code(), "internal error");
      }
    });
  }
}
