package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs XML parsing and signature checks off the event loop, on a few threads of its own with a bounded queue. When
 * the queue is full a task is refused at once with {@link Full} (the edge answers 503), so a flood of posted
 * responses costs bounded memory and never delays other work. A task's result is delivered on the Vert.x context
 * that submitted it, so the request's correlation id stays in place.
 */
public final class SamlWorkQueue implements AutoCloseable {

  /** The queue was full: try again later. Expected under load, so no stack trace. */
  public static final class Full extends RuntimeException {
    Full() {
      super("saml_busy", null, false, false);
    }

    /** The category that means "try again later" rather than blaming the user. */
    public LoginFailure asLoginFailure() {
      return LoginFailure.of(LoginReason.SAML_BUSY);
    }
  }

  private final ThreadPoolExecutor executor;

  public SamlWorkQueue(int threads, int capacity) {
    AtomicInteger created = new AtomicInteger();
    ThreadFactory daemons = task -> {
      Thread thread = new Thread(task, "saml-worker-" + created.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(capacity), daemons, new ThreadPoolExecutor.AbortPolicy());
  }

  /** Runs the task on a SAML worker; fails with {@link Full} at once when the queue is full. */
  public <T> Future<T> submit(Callable<T> task) {
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> {
        T result;
        try {
          result = task.call();
        } catch (Throwable failure) {
          deliver(context, () -> promise.fail(failure));
          return;
        }
        deliver(context, () -> promise.complete(result));
      });
    } catch (RejectedExecutionException full) {
      return Future.failedFuture(new Full());
    }
    return promise.future();
  }

  /** Tasks waiting for a worker. */
  public int queued() {
    return executor.getQueue().size();
  }

  private static void deliver(Context context, Runnable completion) {
    if (context == null) {
      completion.run();
    } else {
      context.runOnContext(ignored -> completion.run());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
