package io.ssobroker.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Hands a future that is shared between requests (a cached answer, a fetch in flight) to one caller. A Vert.x
 * future keeps the context of the request that created it, and runs later continuations on that context; a shared
 * future would so carry one request's correlation id into another's work. Each caller gets its own future instead.
 */
public final class SharedFutures {

  private SharedFutures() {}

  public static <T> Future<T> forCaller(Future<T> shared) {
    if (shared.isComplete()) {
      return shared.succeeded() ? Future.succeededFuture(shared.result()) : Future.failedFuture(shared.cause());
    }
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return shared;
    }
    Promise<T> own = Promise.promise();
    shared.onComplete(result -> caller.runOnContext(onCaller -> own.handle(result)));
    return own.future();
  }
}
