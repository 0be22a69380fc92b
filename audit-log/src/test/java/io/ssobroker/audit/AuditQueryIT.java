package io.ssobroker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.audit.query.AuditQueryEndpoint;
import io.ssobroker.audit.store.ConsumedEvent;
import io.ssobroker.audit.store.PgAuditRepository;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /admin/v1/audit as the gateway sends it over the event bus: filters, paging, org isolation, bad parameters. */
class AuditQueryIT {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final AdminActor PLATFORM = new AdminActor(UUID.randomUUID(), Optional.empty(), "platform");
  private static final AdminActor ACME_ADMIN = new AdminActor(UUID.randomUUID(), Optional.of("qacme"), "acme admin");

  private static Vertx vertx;
  private static Pool pool;
  private static BusRequester bus;
  private static final List<JsonObject> acme = new ArrayList<>();
  private static final List<JsonObject> globex = new ArrayList<>();

  /** 30 acme events one minute apart, of mixed types; 5 globex events; one platform event without org. */
  @BeforeAll
  static void seed() {
    vertx = Vertx.vertx();
    Await.result(SchemaMigrator.migrate(vertx, TestPostgres.settings(), "audit"));
    pool = PgPools.create(vertx, TestPostgres.settings(), "test", 2);
    Await.result(pool.query("truncate audit.events").execute());
    PgAuditRepository repository = new PgAuditRepository(pool);
    for (int i = 0; i < 30; i++) {
      Instant time = T0.plus(i, ChronoUnit.MINUTES);
      acme.add(switch (i % 3) {
        case 0 -> TestEvents.succeeded("qacme", "a" + i + "@acme.com", time);
        case 1 -> TestEvents.failed("qacme", "a" + i + "@acme.com", i % 2 == 0
            ? LoginFailureCategory.USER_NOT_ALLOWED : LoginFailureCategory.STATE_INVALID, "reason", time);
        default -> TestEvents.admin(i % 2 == 0 ? "admin.connector.updated" : "admin.org.updated", "qacme", time);
      });
    }
    for (int i = 0; i < 5; i++) {
      globex.add(TestEvents.succeeded("qglobex", "g" + i + "@globex.com", T0.plus(i, ChronoUnit.MINUTES)));
    }
    List<JsonObject> all = new ArrayList<>(acme);
    all.addAll(globex);
    all.add(TestEvents.admin("admin.token.created", "qacme", T0).put("org", null));
    Await.result(repository.insertNew(all.stream().map(json -> ((ConsumedEvent.Accepted) ConsumedEvent.parse(
        json.encode())).event()).toList(), event -> false));
    Await.result(AuditQueryEndpoint.serve(vertx, repository));
    bus = new BusRequester(vertx, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  private static JsonObject query(AdminActor actor, JsonObject params) {
    return Await.result(bus.request(AdminContract.QUERY_AUDIT,
        new AdminRequest(actor, params, new JsonObject()).toJson()));
  }

  private static ServiceException failure(AdminActor actor, JsonObject params) {
    Throwable failure = Await.failure(bus.request(AdminContract.QUERY_AUDIT,
        new AdminRequest(actor, params, new JsonObject()).toJson()));
    assertThat(failure).isInstanceOf(ServiceException.class);
    return (ServiceException) failure;
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  private static List<String> idsNewestFirst(List<JsonObject> events) {
    List<String> ids = new ArrayList<>(events.stream().map(event -> event.getString("id")).toList());
    java.util.Collections.reverse(ids);
    return ids;
  }

  @Test
  void platformAdminPagesThroughAnOrgNewestFirstWithoutGapsOrRepeats() {
    List<String> seen = new ArrayList<>();
    JsonObject params = new JsonObject().put("org", "qacme").put("limit", "7");
    int pages = 0;
    while (true) {
      JsonObject page = query(PLATFORM, params);
      pages++;
      seen.addAll(ids(page));
      String next = page.getString("next");
      if (next == null) {
        break;
      }
      params.put("cursor", next);
    }
    assertThat(pages).isEqualTo(5);
    assertThat(seen).isEqualTo(idsNewestFirst(acme));
  }

  @Test
  void eventsComeBackAsTheyWerePublished() {
    JsonObject page = query(PLATFORM, new JsonObject().put("org", "qglobex").put("limit", "1"));
    assertThat(page.getJsonArray("items").getJsonObject(0)).isEqualTo(globex.get(4));
    assertThat(page.getString("next")).isNotBlank();
  }

  @Test
  void withoutOrgAPlatformAdminSeesEveryOrgAndPlatformEvents() {
    JsonObject page = query(PLATFORM, new JsonObject().put("limit", "1000"));
    assertThat(page.getJsonArray("items")).hasSize(36);
    assertThat(page.getValue("next")).isNull();
  }

  @Test
  void orgAdminSeesOnlyItsOrgWithOrWithoutOrgAndAnotherOrgIsNotFound() {
    assertThat(ids(query(ACME_ADMIN, new JsonObject().put("limit", "1000")))).isEqualTo(idsNewestFirst(acme));
    assertThat(ids(query(ACME_ADMIN, new JsonObject().put("org", "qacme").put("limit", "1000"))))
        .isEqualTo(idsNewestFirst(acme));
    ServiceException other = failure(ACME_ADMIN, new JsonObject().put("org", "qglobex"));
    assertThat(other.failure()).isEqualTo(ServiceFailure.NOT_FOUND);
    assertThat(other.getMessage()).startsWith("org: ");
  }

  @Test
  void typeIsExactOrAPrefixAndCategoryIsExact() {
    JsonObject admin = query(PLATFORM, new JsonObject().put("org", "qacme").put("type", "admin.*"));
    assertThat(admin.getJsonArray("items")).hasSize(10)
        .allSatisfy(item -> assertThat(((JsonObject) item).getString("type")).startsWith("admin."));
    JsonObject connector = query(PLATFORM, new JsonObject().put("org", "qacme").put("type", "admin.connector.*"));
    assertThat(connector.getJsonArray("items")).hasSize(5);
    JsonObject failed = query(PLATFORM, new JsonObject().put("org", "qacme").put("type", "login.failed"));
    assertThat(failed.getJsonArray("items")).hasSize(10);
    JsonObject notAllowed = query(PLATFORM, new JsonObject().put("org", "qacme").put("category", "USER_NOT_ALLOWED"));
    assertThat(notAllowed.getJsonArray("items")).hasSize(5).allSatisfy(item ->
        assertThat(((JsonObject) item).getString("category")).isEqualTo("USER_NOT_ALLOWED"));
    assertThat(query(PLATFORM, new JsonObject().put("type", "login").put("org", "qacme")).getJsonArray("items"))
        .as("an exact type is not a prefix").isEmpty();
  }

  @Test
  void fromIsInclusiveAndToExclusive() {
    JsonObject window = query(PLATFORM, new JsonObject().put("org", "qacme")
        .put("from", "2026-03-01T10:05:00Z").put("to", "2026-03-01T11:10:00+01:00"));
    JsonArray items = window.getJsonArray("items");
    assertThat(items.stream().map(item -> ((JsonObject) item).getString("time")).toList())
        .containsExactly("2026-03-01T10:09:00Z", "2026-03-01T10:08:00Z", "2026-03-01T10:07:00Z",
            "2026-03-01T10:06:00Z", "2026-03-01T10:05:00Z");
  }

  @Test
  void badParametersAreRejectedNamingTheParameter() {
    assertInvalid(new JsonObject().put("from", "yesterday"), "from: not an RFC 3339 time");
    assertInvalid(new JsonObject().put("to", "2026-03-01"), "to: not an RFC 3339 time");
    assertInvalid(new JsonObject().put("from", "2026-03-02T00:00:00Z").put("to", "2026-03-01T00:00:00Z"), "to: ");
    assertInvalid(new JsonObject().put("limit", "0"), "limit: ");
    assertInvalid(new JsonObject().put("limit", "1001"), "limit: ");
    assertInvalid(new JsonObject().put("limit", "ten"), "limit: ");
    assertInvalid(new JsonObject().put("category", "BAD"), "category: must be one of STATE_INVALID");
    assertInvalid(new JsonObject().put("type", "Login Failed"), "type: ");
    assertInvalid(new JsonObject().put("type", "admin*"), "type: ");
    assertInvalid(new JsonObject().put("org", "Not A Slug"), "org: ");
    assertInvalid(new JsonObject().put("cursor", "bm90LWEtY3Vyc29y"), "cursor: ");
    assertInvalid(new JsonObject().put("catgory", "STATE_INVALID"), "catgory: unknown query parameter");
  }

  private static void assertInvalid(JsonObject params, String messageStart) {
    ServiceException invalid = failure(PLATFORM, params);
    assertThat(invalid.failure()).isEqualTo(ServiceFailure.INVALID_REQUEST);
    assertThat(invalid.getMessage()).startsWith(messageStart);
  }
}
