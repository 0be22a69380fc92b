package io.ssobroker.edge.internal.connector.saml;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Assertion-ID single use against the real store: two edges (two pools) receiving the same assertion, one after the
 * other or at the same time, accept it once.
 */
class ConsumedAssertionsIT {

  private static Vertx vertx;
  private static Pool edgeOne;
  private static Pool edgeTwo;

  @BeforeAll
  static void migrate() throws Exception {
    vertx = Vertx.vertx();
    SchemaMigrator.migrate(vertx, TestPostgres.settings(), "edge").toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    edgeOne = PgPools.create(vertx, TestPostgres.settings(), "edge-one", 2);
    edgeTwo = PgPools.create(vertx, TestPostgres.settings(), "edge-two", 2);
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static ValidatedAssertion assertion(String id) {
    return new ValidatedAssertion("https://idp.example.test", id, "alice@acme.test", Optional.empty(), Map.of(),
        Instant.now().plusSeconds(300), Optional.empty(), Optional.empty());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theSameAssertionPostedToASecondEdgeIsReplayed() throws Exception {
    ValidatedAssertion assertion = assertion("_replayed-" + System.nanoTime());
    Instant keepUntil = assertion.notOnOrAfter().plusSeconds(120);

    await(new ConsumedAssertions(edgeOne).claim(assertion, keepUntil));
    Future<Void> second = new ConsumedAssertions(edgeTwo).claim(assertion, keepUntil);

    Throwable failure = second.toCompletionStage().toCompletableFuture().handle((ok, error) -> error).get();
    assertThat(failure).isInstanceOfSatisfying(LoginFailure.class, rejected -> {
      assertThat(rejected.category()).isEqualTo(LoginFailureCategory.STATE_INVALID);
      assertThat(rejected.reason()).isEqualTo(LoginReason.REPLAYED);
    });
  }

  @Test
  void ofTwoSimultaneousPostsExactlyOneIsAccepted() throws Exception {
    ValidatedAssertion assertion = assertion("_raced-" + System.nanoTime());
    Instant keepUntil = assertion.notOnOrAfter().plusSeconds(120);

    List<Future<Void>> claims = List.of(new ConsumedAssertions(edgeOne).claim(assertion, keepUntil),
        new ConsumedAssertions(edgeTwo).claim(assertion, keepUntil));
    await(Future.join(claims).otherwiseEmpty());

    assertThat(claims.stream().filter(Future::succeeded).count()).isEqualTo(1);
  }

  @Test
  void anotherIssuersAssertionWithTheSameIdIsItsOwn() throws Exception {
    String id = "_shared-" + System.nanoTime();
    ValidatedAssertion first = assertion(id);
    ValidatedAssertion other = new ValidatedAssertion("https://other-idp.example.test", id, "bob@acme.test",
        Optional.empty(), Map.of(), first.notOnOrAfter(), Optional.empty(), Optional.empty());

    await(new ConsumedAssertions(edgeOne).claim(first, first.notOnOrAfter()));
    await(new ConsumedAssertions(edgeOne).claim(other, other.notOnOrAfter()));
  }

  @Test
  void expiredClaimsArePurgedAndLiveOnesKept() throws Exception {
    ConsumedAssertions consumed = new ConsumedAssertions(edgeOne);
    ValidatedAssertion expired = assertion("_expired-" + System.nanoTime());
    ValidatedAssertion live = assertion("_live-" + System.nanoTime());
    await(consumed.claim(expired, Instant.now().minusSeconds(60)));
    await(consumed.claim(live, live.notOnOrAfter()));

    await(consumed.purgeExpired());

    assertThat(await(edgeOne.query("select count(*) from edge.consumed_saml_assertions where expires_at < now()")
        .execute()).iterator().next().getLong(0)).isZero();
    Throwable replay = consumed.claim(live, live.notOnOrAfter()).toCompletionStage().toCompletableFuture()
        .handle((ok, error) -> error).get();
    assertThat(replay).isInstanceOf(LoginFailure.class);
    await(consumed.claim(expired, expired.notOnOrAfter()));
  }
}
