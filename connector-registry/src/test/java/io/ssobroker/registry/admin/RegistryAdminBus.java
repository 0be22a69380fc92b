package io.ssobroker.registry.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ChangeNotices;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.MovableClock;
import io.ssobroker.platform.testing.TestConfig;
import io.ssobroker.platform.testing.TestPostgres;
import io.ssobroker.registry.RegistryService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry deployed on embedded PostgreSQL, asked over the event bus as the admin gateway asks it: admin requests in,
 * answers or refusals out, with the audit outbox and the registry's change notices to look at. Kafka is not reachable,
 * so every audit event stays in the outbox table.
 */
final class RegistryAdminBus {

  static final String PLATFORM_TOKEN = "configured-platform-token-for-registry-tests";

  private final Pool sql;
  private final BusRequester bus;
  private final MovableClock clock;
  private final AtomicInteger changeNotices = new AtomicInteger();

  private RegistryAdminBus(Pool sql, BusRequester bus, MovableClock clock) {
    this.sql = sql;
    this.bus = bus;
    this.clock = clock;
  }

  BusRequester bus() {
    return bus;
  }

  /** The registry's clock. */
  MovableClock clock() {
    return clock;
  }

  static RegistryAdminBus deploy(Vertx vertx) throws java.io.IOException {
    MovableClock clock = new MovableClock(Instant.now());
    var config = TestConfig.fromFlags(vertx, "--data-dir",
        Files.createTempDirectory("registry-admin-it").toString(), "--admin-token", PLATFORM_TOKEN);
    ServiceContext context = new ServiceContext(config.eventBus(), TestPostgres.settings(), "unused:9092", Map.of(),
        new SimpleMeterRegistry(), clock);
    Await.result(vertx.deployVerticle(new RegistryService(config.registry()).verticle(context)));
    RegistryAdminBus registry = new RegistryAdminBus(PgPools.create(vertx, TestPostgres.settings(), "test", 2),
        new BusRequester(vertx, Duration.ofSeconds(5)), clock);
    ChangeNotices.listen(vertx, RegistryContract.CHANGED, registry.changeNotices::incrementAndGet);
    return registry;
  }

  /**
   * Leaves the tables empty: a connector secret sealed here is sealed with this registry's key, which the next
   * registry started on this database (another data directory) does not have.
   */
  void close() {
    reset();
    Await.result(sql.close());
  }

  /** Empties the registry's tables and the outbox, and adds the orgs named. */
  void reset(String... orgs) {
    execute("truncate registry.orgs, registry.admin_tokens, registry.setup_links, registry.connectors, "
        + "registry.domains, registry.connector_domains, registry.audit_outbox cascade");
    for (String org : orgs) {
      execute("insert into registry.orgs (slug, name) values ($1, $2)", org, org.toUpperCase());
    }
  }

  JsonObject answer(String address, AdminActor actor, JsonObject params, JsonObject body) {
    return Await.result(ask(address, actor, params, body));
  }

  /** The refusal of a request that must fail, as the gateway receives it. */
  ServiceException refusal(String address, AdminActor actor, JsonObject params, JsonObject body) {
    Throwable failure = Await.failure(ask(address, actor, params, body));
    assertThat(failure).isInstanceOf(ServiceException.class);
    return (ServiceException) failure;
  }

  private Future<JsonObject> ask(String address, AdminActor actor, JsonObject params, JsonObject body) {
    return bus.request(address, new AdminRequest(actor, params, body).toJson());
  }

  /** Who a bearer token is, as the gateway learns it. */
  Future<AdminActor> authenticate(String token) {
    return bus.request(AdminContract.AUTHENTICATE, new JsonObject()
            .put("tokenHash", Base64.getEncoder().encodeToString(Tokens.sha256(token))))
        .map(AdminActor::fromJson);
  }

  /** The payloads of the outbox's audit events of this type, oldest first. */
  List<JsonObject> auditEvents(String type) {
    List<JsonObject> events = new ArrayList<>();
    for (Row row : Await.result(sql.preparedQuery("select payload from registry.audit_outbox "
        + "where payload->>'type' = $1 order by seq").execute(Tuple.of(type)))) {
      events.add((JsonObject) row.getValue("payload"));
    }
    return events;
  }

  String allAuditEvents() {
    JsonArray all = new JsonArray();
    Await.result(sql.query("select payload from registry.audit_outbox").execute()).forEach(row ->
        all.add(row.getValue("payload")));
    return all.encode();
  }

  int changeNotices() {
    return changeNotices.get();
  }

  long count(String query, Object... parameters) {
    return Await.result(sql.preparedQuery(query).execute(Tuple.from(parameters))).iterator().next().getLong(0);
  }

  void execute(String statement, Object... parameters) {
    Await.result(sql.preparedQuery(statement).execute(Tuple.from(parameters)));
  }

  static void assertRefused(ServiceException refusal, ServiceFailure failure, String field, String message) {
    assertThat(refusal.failure()).as(refusal.getMessage()).isEqualTo(failure);
    if (field == null) {
      assertThat(refusal.field()).as(refusal.getMessage()).isEmpty();
    } else {
      assertThat(refusal.field()).as(refusal.getMessage()).contains(field);
    }
    assertThat(refusal.getMessage()).isEqualTo(message);
  }
}
