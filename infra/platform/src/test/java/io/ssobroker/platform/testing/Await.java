package io.ssobroker.platform.testing;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

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
