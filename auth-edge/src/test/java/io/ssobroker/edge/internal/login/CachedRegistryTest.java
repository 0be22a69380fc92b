package io.ssobroker.edge.internal.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ChangeNotices;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.ClaimMapping;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.registry.ConnectorByIdRequest;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.ssobroker.platform.registry.RegistryClient;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's answers are kept for a moment, shared while in flight, forgotten on a change, never kept failed. */
class CachedRegistryTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final Map<UUID, ConnectorDescriptor> connectors = new ConcurrentHashMap<>();
  private final AtomicInteger asked = new AtomicInteger();
  private final AtomicReference<Promise<Void>> hold = new AtomicReference<>();
  private volatile boolean down;
  private Vertx vertx;
  private CachedRegistry registry;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    BusEndpoint.serve(vertx, RegistryContract.CONNECTOR_BY_ID, request -> {
      asked.incrementAndGet();
      if (down) {
        return Future.failedFuture(new IllegalStateException("registry database down"));
      }
      Promise<Void> held = hold.get();
      Future<Void> released = held == null ? Future.succeededFuture() : held.future();
      ConnectorDescriptor found = connectors.get(ConnectorByIdRequest.fromJson(request).connectorId());
      return released.compose(go -> found == null ? Future.failedFuture(ServiceException.notFound("id: none"))
          : Future.succeededFuture(found.toJson()));
    });
    registry = new CachedRegistry(new RegistryClient(new BusRequester(vertx, Duration.ofSeconds(2))), clock);
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  private ConnectorDescriptor connector(String displayName) {
    ConnectorDescriptor connector = new ConnectorDescriptor(UUID.nameUUIDFromBytes(new byte[] {1}), "acme",
        ConnectorKind.OIDC, displayName, ConnectorState.ACTIVE, List.of("acme.com"), ".*", ClaimMapping.DEFAULT,
        new JsonObject(), Optional.empty(), List.of());
    connectors.put(connector.id(), connector);
    return connector;
  }

  private Optional<ConnectorDescriptor> byId(UUID id) {
    return Await.result(registry.connectorById(id));
  }

  @Test
  void anAnswerIsKeptForItsFreshnessThenAskedAgain() {
    UUID id = connector("first").id();
    assertThat(byId(id)).hasValueSatisfying(found -> assertThat(found.displayName()).isEqualTo("first"));
    connector("second");
    assertThat(byId(id).orElseThrow().displayName()).isEqualTo("first");
    assertThat(asked).hasValue(1);

    clock.advance(CachedRegistry.FRESHNESS);

    assertThat(byId(id).orElseThrow().displayName()).isEqualTo("second");
    assertThat(asked).hasValue(2);
  }

  @Test
  void aChangeNoticeForgetsEverythingAtOnce() {
    UUID id = connector("first").id();
    ChangeNotices.listen(vertx, RegistryContract.CHANGED, registry::invalidateAll);
    byId(id);
    connector("changed");

    ChangeNotices.announce(vertx, RegistryContract.CHANGED, new JsonObject());

    assertThat(byId(id).orElseThrow().displayName()).isEqualTo("changed");
  }

  @Test
  void anAnswerInFlightDuringAChangeIsNotReusedAfterIt() {
    UUID id = connector("first").id();
    ChangeNotices.listen(vertx, RegistryContract.CHANGED, registry::invalidateAll);
    Promise<Void> held = Promise.promise();
    hold.set(held);
    var askedBeforeTheChange = registry.connectorById(id);
    connector("changed");
    ChangeNotices.announce(vertx, RegistryContract.CHANGED, new JsonObject());
    hold.set(null);
    vertx.runOnContext(go -> held.complete());
    Await.result(askedBeforeTheChange);

    assertThat(byId(id).orElseThrow().displayName()).isEqualTo("changed");
    assertThat(asked).hasValue(2);
  }

  @Test
  void questionsInFlightShareOneAnswer() {
    UUID id = connector("first").id();
    Promise<Void> held = Promise.promise();
    hold.set(held);
    var first = registry.connectorById(id);
    var second = registry.connectorById(id);
    vertx.runOnContext(go -> held.complete());
    assertThat(Await.result(first)).isPresent();
    assertThat(Await.result(second)).isPresent();
    assertThat(asked).hasValue(1);
  }

  @Test
  void aFailedAnswerIsNotKept() {
    UUID id = connector("first").id();
    down = true;
    assertThat(Await.failure(registry.connectorById(id))).isNotNull();
    down = false;
    assertThat(byId(id)).isPresent();
    assertThat(asked).hasValue(2);
  }
}
