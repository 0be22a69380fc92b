package io.ssobroker.platform.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Blocks a test thread (never an event loop) on a Vert.x future. */
public final class Await {

  private static final long TIMEOUT_SECONDS = 60;

  private Await() {}

  public static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException failure) {
      Throwable cause = failure.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    } catch (Exception failure) {
      throw new IllegalStateException(failure);
    }
  }

  /**
   * Starts the call on an event loop, as the broker's own calls start, and answers its future. A Vert.x client called
   * from a test's own thread behaves differently (its answers can wait for the timeout), so tests of clients use this.
   */
  public static <T> Future<T> onEventLoop(Vertx vertx, Supplier<Future<T>> call) {
    Promise<T> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(start -> call.get().onComplete(answer));
    return answer.future();
  }

  /** The failure of a future that must fail. */
  public static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException failure) {
      return failure.getCause();
    } catch (Exception failure) {
      throw new IllegalStateException(failure);
    }
    throw new AssertionError("expected the future to fail, it succeeded");
  }
}
