package io.ssobroker.edge.internal.connector.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.edge.testidp.SigningKey;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery and signing keys of one IdP: cached, refetched on rotation, and never hammered. Time is a clock here. */
class OidcProviderTest {

  private static Vertx vertx;
  private static TestIdp idp;
  private MovableClock clock;
  private OidcProvider provider;
  private ProviderMetadata metadata;

  @BeforeAll
  static void startIdp() {
    vertx = Vertx.vertx();
    idp = TestIdp.start(vertx, "/keys").client("app", "secret");
  }

  @AfterAll
  static void stopIdp() {
    idp.close();
    Await.result(vertx.close());
  }

  @BeforeEach
  void freshProvider() {
    idp.reset();
    clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    provider = new OidcProvider(URI.create(idp.discoveryUrl()), new IdpHttp(vertx, Duration.ofSeconds(10), clock), clock);
    metadata = Await.result(onEventLoop(provider::metadata));
  }

  private Optional<PublishedKey> key(String kid) {
    return Await.result(onEventLoop(() -> provider.signingKey(metadata, kid)));
  }

  private static <T> Future<T> onEventLoop(Supplier<Future<T>> call) {
    return Await.onEventLoop(vertx, call);
  }

  @Test
  void theDiscoveryDocumentIsFetchedOnceAnHour() {
    assertThat(metadata.issuer()).isEqualTo(idp.issuer());
    Await.result(onEventLoop(provider::metadata));
    assertThat(idp.discoveryFetchCount()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(61));
    Await.result(onEventLoop(provider::metadata));
    assertThat(idp.discoveryFetchCount()).isEqualTo(2);
  }

  @Test
  void aRotatedKeyIsFoundWithOneRefetch() {
    assertThat(key(TestIdp.INITIAL_KID)).isPresent();
    assertThat(idp.jwksFetchCount()).isEqualTo(1);
    assertThat(key(TestIdp.INITIAL_KID)).isPresent();
    assertThat(idp.jwksFetchCount()).as("a known key costs no fetch").isEqualTo(1);

    idp.rotateKey("key-2");
    clock.advance(OidcProvider.MIN_REFETCH_INTERVAL);

    assertThat(key("key-2")).isPresent();
    assertThat(idp.jwksFetchCount()).isEqualTo(2);
  }

  @Test
  void unknownKeyIdsRefetchAtMostOncePerIntervalAndConcurrentOnesShareOneFetch() {
    key(TestIdp.INITIAL_KID);
    clock.advance(OidcProvider.MIN_REFETCH_INTERVAL);
    List<Future<Optional<PublishedKey>>> lookups = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String unknown = "random-" + i;
      lookups.add(onEventLoop(() -> provider.signingKey(metadata, unknown)));
    }
    lookups.forEach(lookup -> assertThat(Await.result(lookup)).isEmpty());
    assertThat(idp.jwksFetchCount()).isEqualTo(2);

    assertThat(key("random-again")).isEmpty();
    assertThat(idp.jwksFetchCount()).as("within the interval: no fetch").isEqualTo(2);
    clock.advance(OidcProvider.MIN_REFETCH_INTERVAL);
    assertThat(key("random-later")).isEmpty();
    assertThat(idp.jwksFetchCount()).isEqualTo(3);
  }

  @Test
  void knownKeysKeepWorkingWhileTheKeySetIsDownAndUnknownOnesFailClosed() {
    key(TestIdp.INITIAL_KID);
    idp.jwksAvailable(false);
    clock.advance(Duration.ofHours(2));

    assertThat(key(TestIdp.INITIAL_KID)).as("the stale refetch fails, the key stays").isPresent();
    assertThat(key(TestIdp.INITIAL_KID)).isPresent();
    clock.advance(OidcProvider.MIN_REFETCH_INTERVAL);
    assertThat(key("unknown")).isEmpty();
  }

  @Test
  void anUnparseableKeyBesideTheRealOneHidesNothing() {
    idp.addUnparseableJwk(true);
    assertThat(key(TestIdp.INITIAL_KID)).isPresent();
  }

  @Test
  void aTokenWithoutKeyIdUsesTheSoleKeyOnly() {
    assertThat(Await.result(onEventLoop(() -> provider.soleKey(metadata)))).isPresent();
    idp.publishKey(io.ssobroker.edge.testidp.SigningKey.rsa("second"));
    clock.advance(Duration.ofHours(2));
    key("second");
    assertThat(Await.result(onEventLoop(() -> provider.soleKey(metadata)))).isEmpty();
  }
}
