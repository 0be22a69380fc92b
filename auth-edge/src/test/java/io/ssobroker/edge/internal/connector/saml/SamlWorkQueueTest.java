package io.ssobroker.edge.internal.connector.saml;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SamlWorkQueueTest {

  private final Vertx vertx = Vertx.vertx();
  private final SamlWorkQueue queue = new SamlWorkQueue(2, 3);

  @AfterEach
  void close() throws Exception {
    queue.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void workRunsOffTheEventLoopAndAnswersOnTheCallersContext() throws Exception {
    var context = vertx.getOrCreateContext();
    CompletableFuture<String> seen = new CompletableFuture<>();
    context.runOnContext(unused -> queue.submit(() -> Thread.currentThread().getName())
        .onComplete(result -> seen.complete(result.result() + " answered on the caller's context: "
            + (Vertx.currentContext() == context))));

    assertThat(seen.get(10, TimeUnit.SECONDS)).startsWith("saml-worker-")
        .endsWith("answered on the caller's context: true");
  }

  @Test
  void aRejectionIsDeliveredAsItWasThrown() throws Exception {
    Future<String> answer = queue.submit(() -> {
      throw new SamlRejected(LoginReason.BAD_SIGNATURE);
    });

    CountDownLatch done = new CountDownLatch(1);
    answer.onComplete(result -> done.countDown());
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(answer.cause()).isInstanceOf(SamlRejected.class).hasMessage("bad_signature");
  }

  @Test
  void aFullQueueRefusesAtOnceWithTryAgainLater() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Boolean>> accepted = new ArrayList<>();
    for (int i = 0; i < 2 + 3; i++) {
      accepted.add(queue.submit(() -> release.await(10, TimeUnit.SECONDS)));
    }

    Future<Boolean> refused = queue.submit(() -> true);

    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(SamlWorkQueue.Full.class);
    LoginFailure failure = ((SamlWorkQueue.Full) refused.cause()).asLoginFailure();
    assertThat(failure.category()).isEqualTo(LoginFailureCategory.SESSION_CREATION_FAILED);
    assertThat(failure.category().httpStatus()).isEqualTo(503);
    release.countDown();
    for (Future<Boolean> future : accepted) {
      assertThat(future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
