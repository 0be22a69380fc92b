package io.ssobroker.directory;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.registry.OrgRequest;
import io.ssobroker.platform.registry.RegistryClient;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.MovableClock;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The directory's endpoints served on a test's event bus over a freshly migrated schema of the embedded PostgreSQL,
 * asked the way the admin gateway and the edge ask them. The registry is another module: its org look-up is answered
 * here, over the same bus contract, for the orgs {@link #ORGS}. The outbox is read, never relayed.
 */
final class DirectoryFixture implements AutoCloseable {

  static final Set<String> ORGS = Set.of("acme", "beta");
  static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
  static final AdminActor PLATFORM = new AdminActor(UUID.randomUUID(), Optional.empty(), "platform admin");
  static final AdminActor ACME_ADMIN = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "acme admin");

  final Vertx vertx;
  final Pool sql;
  final MovableClock clock = new MovableClock(START);
  final BusRequester bus;

  private DirectoryFixture(Vertx vertx, Pool sql) {
    this.vertx = vertx;
    this.sql = sql;
    this.bus = new BusRequester(vertx, Duration.ofSeconds(10));
  }

  static DirectoryFixture start(Vertx vertx) {
    Pool sql = PgPools.create(vertx, TestPostgres.settings(), "directory-test", 4);
    Await.result(sql.query("drop schema if exists directory cascade").execute());
    Await.result(sql.query("create schema directory").execute());
    Await.result(SchemaMigrator.migrate(vertx, TestPostgres.settings(), "directory"));
    DirectoryFixture fixture = new DirectoryFixture(vertx, sql);
    Await.result(Await.onEventLoop(vertx, fixture::serve));
    return fixture;
  }

  private Future<?> serve() {
    BusEndpoint.serve(vertx, RegistryContract.ORG_BY_SLUG, request -> {
      String org = OrgRequest.fromJson(request).org();
      return ORGS.contains(org)
          ? Future.succeededFuture(new JsonObject().put("slug", org).put("name", org))
          : Future.failedFuture(ServiceException.notFound("no org " + org));
    });
    DirectoryParts parts = DirectoryParts.wire(vertx, sql, sql, new AuditOutbox("directory.audit_outbox"),
        new RegistryClient(bus), clock);
    return new DirectoryEndpoints(vertx, parts, () -> {}).serve();
  }

  /** An admin request as the gateway sends it: the answer, or the service's refusal as the failure. */
  Future<JsonObject> admin(String address, AdminActor actor, JsonObject params, JsonObject body) {
    return Await.onEventLoop(vertx, () -> bus.request(address, new AdminRequest(actor, params, body).toJson()));
  }

  JsonObject adminOk(String address, AdminActor actor, JsonObject params, JsonObject body) {
    return Await.result(admin(address, actor, params, body));
  }

  ServiceException adminRefused(String address, AdminActor actor, JsonObject params, JsonObject body) {
    return (ServiceException) Await.failure(admin(address, actor, params, body));
  }

  /** A request as the edge sends it. */
  Future<JsonObject> edge(String address, JsonObject request) {
    return Await.onEventLoop(vertx, () -> bus.request(address, request));
  }

  static JsonObject org(String org) {
    return new JsonObject().put("org", org);
  }

  static JsonObject user(String org, String id) {
    return new JsonObject().put("org", org).put("id", id);
  }

  /** The audit events written so far, oldest first. */
  List<JsonObject> auditEvents() {
    List<JsonObject> events = new ArrayList<>();
    Await.result(sql.query("select payload from directory.audit_outbox order by seq").execute())
        .forEach(row -> events.add(new JsonObject(row.getValue("payload").toString())));
    return events;
  }

  List<JsonObject> auditEvents(String type) {
    return auditEvents().stream().filter(event -> event.getString("type").equals(type)).toList();
  }

  long count(String query) {
    return Await.result(sql.query(query).execute()).iterator().next().getLong(0);
  }

  /** The first {@code expected} notices published to the address from now on, in order, once they are heard. */
  Future<List<JsonObject>> notices(String address, int expected) {
    List<JsonObject> heard = new CopyOnWriteArrayList<>();
    Promise<List<JsonObject>> all = Promise.promise();
    Await.result(vertx.eventBus().<JsonObject>consumer(address, notice -> {
      heard.add(notice.body());
      if (heard.size() == expected) {
        all.tryComplete(List.copyOf(heard));
      }
    }).completion());
    return all.future();
  }

  static JsonArray lines(String... lines) {
    return new JsonArray(List.of((Object[]) lines));
  }

  @Override
  public void close() {
    Await.result(sql.close());
  }
}
