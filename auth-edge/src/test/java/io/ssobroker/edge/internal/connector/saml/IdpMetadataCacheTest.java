package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.internal.connector.saml.IdpMetadataParserTest.SSO_SERVICES;
import static io.ssobroker.edge.internal.connector.saml.IdpMetadataParserTest.keyDescriptor;
import static io.ssobroker.edge.internal.connector.saml.IdpMetadataParserTest.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.internal.idp.IdpCallFailed;
import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.edge.testsaml.SamlTestKey;
import io.ssobroker.platform.connector.SamlSettings;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IdP metadata of SAML connectors, against a real HTTP server that serves it, fails, then serves a rollover. */
class IdpMetadataCacheTest {

  private static final SamlTestKey CURRENT = SamlTestKey.rsa("idp-current.example.test");
  private static final SamlTestKey NEXT = SamlTestKey.rsa("idp-next.example.test");
  private static final String ONE_KEY = metadata(keyDescriptor("signing", CURRENT.certificate()), SSO_SERVICES);
  private static final String ROLLOVER = metadata(keyDescriptor("signing", CURRENT.certificate())
      + keyDescriptor("signing", NEXT.certificate()), SSO_SERVICES);
  private static final Duration REFRESH = Duration.ofHours(1);

  private final Vertx vertx = Vertx.vertx();
  private final AtomicReference<String> served = new AtomicReference<>(ONE_KEY);
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger fetches = new AtomicInteger();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T09:00:00Z"));
  private final SamlWorkQueue queue = new SamlWorkQueue(1, 10);
  private HttpServer server;
  private IdpMetadataCache cache;

  @BeforeEach
  void start() {
    server = Await.result(vertx.createHttpServer().requestHandler(request -> {
      fetches.incrementAndGet();
      request.response().setStatusCode(status.get()).putHeader("Content-Type", "application/samlmetadata+xml")
          .end(status.get() == 200 ? served.get() : "unavailable");
    }).listen(0, "127.0.0.1"));
    cache = new IdpMetadataCache(new IdpHttp(vertx, Duration.ofSeconds(2), clock), queue, clock, REFRESH);
  }

  @AfterEach
  void stop() {
    queue.close();
    Await.result(vertx.close());
  }

  @Test
  void fetchedMetadataIsCachedUntilItsRefreshIsDue() {
    SamlSettings settings = byUrl();

    IdpMetadata first = Await.result(cache.metadata(settings));
    IdpMetadata second = Await.result(cache.metadata(settings));

    assertThat(first.entityId()).isEqualTo("https://idp.example.test/realms/acme");
    assertThat(second).isSameAs(first);
    assertThat(fetches).hasValue(1);
  }

  @Test
  void failedRefreshKeepsTheLastGoodCopyThenRolloverCertificatesArrive() {
    SamlSettings settings = byUrl();
    IdpMetadata good = Await.result(cache.metadata(settings));
    status.set(503);
    clock.advance(REFRESH.plusMinutes(1));

    assertThat(Await.result(cache.metadata(settings))).isSameAs(good);
    awaitTrue(() -> fetches.get() == 2);
    assertThat(Await.result(cache.metadata(settings))).as("after the failed refresh").isSameAs(good);
    assertThat(fetches).as("no new fetch before the retry pause").hasValue(2);

    status.set(200);
    served.set(ROLLOVER);
    // past the retry pause, however late the failed refresh was handled
    awaitTrue(() -> {
      clock.advance(Duration.ofMinutes(2));
      return Await.result(cache.metadata(settings)).signingCertificates().size() == 2;
    });
    assertThat(Await.result(cache.metadata(settings)).signingCertificates())
        .containsExactly(CURRENT.certificate(), NEXT.certificate());
  }

  @Test
  void failedFirstFetchIsNotKept() {
    SamlSettings settings = byUrl();
    status.set(500);

    assertThat(Await.failure(cache.metadata(settings))).isInstanceOf(InvalidMetadata.class);
    status.set(200);
    assertThat(Await.result(cache.metadata(settings)).signingCertificates()).hasSize(1);
  }

  @Test
  void unreachableMetadataUrlFailsAsAnIdpCall() {
    SamlSettings settings = new SamlSettings(Optional.of("http://127.0.0.1:1/metadata"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), false);

    assertThat(Await.failure(cache.metadata(settings))).isInstanceOf(IdpCallFailed.class);
  }

  @Test
  void inlineMetadataIsParsedOnce() {
    SamlSettings settings = new SamlSettings(Optional.empty(), Optional.of(ROLLOVER), Optional.empty(),
        Optional.empty(), Optional.empty(), false);

    IdpMetadata first = Await.result(cache.metadata(settings));

    assertThat(Await.result(cache.metadata(settings))).isSameAs(first);
    assertThat(first.signingCertificates()).hasSize(2);
    assertThat(fetches).hasValue(0);
  }

  @Test
  void manualFieldsDescribeTheIdp() throws Exception {
    String pem = "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(CURRENT.certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n";
    SamlSettings settings = new SamlSettings(Optional.empty(), Optional.empty(),
        Optional.of("https://idp.example.test/sso"), Optional.of("https://idp.example.test"), Optional.of(pem), false);

    IdpMetadata idp = Await.result(cache.metadata(settings));

    assertThat(idp.entityId()).isEqualTo("https://idp.example.test");
    assertThat(idp.ssoRedirectUrl()).hasToString("https://idp.example.test/sso");
    assertThat(idp.signingCertificates()).containsExactly(CURRENT.certificate());
  }

  private SamlSettings byUrl() {
    return new SamlSettings(Optional.of("http://127.0.0.1:" + server.actualPort() + "/metadata"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError(interrupted);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("condition not met within 10 s");
      }
      pause(Duration.ofMillis(20));
    }
  }
}
