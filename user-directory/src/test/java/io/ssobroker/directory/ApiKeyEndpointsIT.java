package io.ssobroker.directory;

import static io.ssobroker.directory.DirectoryFixture.ACME_ADMIN;
import static io.ssobroker.directory.DirectoryFixture.PLATFORM;
import static io.ssobroker.directory.DirectoryFixture.org;
import static io.ssobroker.directory.UserAdminIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API keys of the directory's users, as the edge and the admin API ask for them, against PostgreSQL. */
@ExtendWith(VertxExtension.class)
class ApiKeyEndpointsIT {

  private DirectoryFixture directory;
  private String ann;

  @BeforeEach
  void start(Vertx vertx) {
    directory = DirectoryFixture.start(vertx);
    ann = directory.adminOk(AdminContract.CREATE_USER, PLATFORM, org("acme"),
        new JsonObject().put("email", "ann@acme.com")).getString("id");
  }

  @AfterEach
  void stop() {
    directory.close();
  }

  private Future<JsonObject> createKey(String userId, String org, JsonObject body) {
    return directory.edge(DirectoryContract.CREATE_API_KEY, new JsonObject().put("userId", userId).put("org", org)
        .put("body", body).put("client", new JsonObject().put("ip", "192.0.2.7").put("userAgent", "curl")));
  }

  private JsonObject introspect(JsonObject body) {
    return Await.result(directory.edge(DirectoryContract.INTROSPECT_API_KEY, body));
  }

  @Test
  void aKeyIsShownOnceWorksUntilItExpiresAndItsCreationIsRecordedWithoutIt() {
    JsonObject created = Await.result(createKey(ann, "acme", new JsonObject().put("name", " ci ")
        .put("expiresAt", DirectoryFixture.START.plus(Duration.ofHours(1)).toString())));
    String key = created.getString("key");

    assertThat(created.fieldNames()).containsExactly("id", "name", "key", "hint", "createdAt", "expiresAt");
    assertThat(created.getString("name")).isEqualTo("ci");
    assertThat(introspect(new JsonObject().put("key", key))).isEqualTo(new JsonObject().put("active", true)
        .put("userId", ann).put("org", "acme").put("expiresAt", "2026-06-01T11:00:00Z"));
    JsonObject event = directory.auditEvents("api_key.created").get(0);
    assertThat(event.getString("ip")).isEqualTo("192.0.2.7");
    assertThat(event.getString("userId")).isEqualTo(ann);
    assertThat(event.encode()).doesNotContain(key);
    JsonObject listed = Await.result(directory.edge(DirectoryContract.LIST_API_KEYS, new JsonObject().put("userId", ann)))
        .getJsonArray("items").getJsonObject(0);
    assertThat(listed.getBoolean("active")).isTrue();
    assertThat(listed.containsKey("key")).isFalse();

    directory.clock.advance(Duration.ofHours(2));

    assertThat(introspect(new JsonObject().put("key", key))).isEqualTo(new JsonObject().put("active", false));
    assertThat(Await.result(directory.edge(DirectoryContract.LIST_API_KEYS, new JsonObject().put("userId", ann)))
        .getJsonArray("items").getJsonObject(0).getBoolean("active")).isFalse();
  }

  @Test
  void refusedKeyRequestsNameTheirField() {
    assertRefused((ServiceException) Await.failure(createKey(ann, "acme", new JsonObject())),
        ServiceFailure.INVALID_REQUEST, "name", "name: required");
    assertRefused((ServiceException) Await.failure(createKey(ann, "acme", new JsonObject().put("name", "  "))),
        ServiceFailure.INVALID_REQUEST, "name", "name: must be a non-empty string");
    assertRefused((ServiceException) Await.failure(createKey(ann, "acme", new JsonObject().put("name", "ci")
        .put("scope", "all"))), ServiceFailure.INVALID_REQUEST, "scope", "scope: unknown field (expected name, expiresAt)");
    assertRefused((ServiceException) Await.failure(createKey(ann, "acme", new JsonObject().put("name", "ci")
        .put("expiresAt", "tomorrow"))), ServiceFailure.INVALID_REQUEST, "expiresAt",
        "expiresAt: must be an RFC 3339 date-time such as 2027-01-31T00:00:00Z");
    assertRefused((ServiceException) Await.failure(createKey(ann, "acme", new JsonObject().put("name", "ci")
        .put("expiresAt", DirectoryFixture.START.minusSeconds(1).toString()))), ServiceFailure.INVALID_REQUEST,
        "expiresAt", "expiresAt: must be in the future");
    assertRefused((ServiceException) Await.failure(directory.edge(DirectoryContract.INTROSPECT_API_KEY,
        new JsonObject())), ServiceFailure.INVALID_REQUEST, "key", "key: required");
    assertRefused((ServiceException) Await.failure(directory.edge(DirectoryContract.INTROSPECT_API_KEY,
        new JsonObject().put("key", 5))), ServiceFailure.INVALID_REQUEST, "key", "key: required");
    assertRefused((ServiceException) Await.failure(directory.edge(DirectoryContract.INTROSPECT_API_KEY,
        new JsonObject().put("key", "k").put("user", "x"))), ServiceFailure.INVALID_REQUEST, "user",
        "user: unknown field (expected key)");
    assertThat(directory.count("select count(*) from directory.api_keys")).isZero();
  }

  @Test
  void aUserOfAnotherOrgOrADisabledUserGetsNoKey() {
    assertRefused((ServiceException) Await.failure(createKey(ann, "beta", new JsonObject().put("name", "ci"))),
        ServiceFailure.FORBIDDEN, null, "the signed-in user may not create API keys");
    directory.adminOk(AdminContract.UPDATE_USER, PLATFORM, DirectoryFixture.user("acme", ann),
        new JsonObject().put("email", "ann@acme.com").put("status", "disabled"));

    assertRefused((ServiceException) Await.failure(createKey(ann, "acme", new JsonObject().put("name", "ci"))),
        ServiceFailure.FORBIDDEN, null, "the signed-in user may not create API keys");
    assertThat(directory.count("select count(*) from directory.api_keys")).isZero();
  }

  @Test
  void revokingAKeyRecordsItTellsTheCachesAndStopsIt() {
    JsonObject created = Await.result(createKey(ann, "acme", new JsonObject().put("name", "ci")));
    var notices = directory.notices(DirectoryContract.API_KEY_REVOKED, 1);
    JsonObject revocation = new JsonObject().put("userId", ann).put("org", "acme").put("id", created.getString("id"));

    Await.result(directory.edge(DirectoryContract.REVOKE_API_KEY, revocation));

    assertThat(Await.result(notices)).containsExactly(new JsonObject().put("userId", ann));
    JsonObject event = directory.auditEvents("api_key.revoked").get(0);
    assertThat(event.getJsonObject("details").getString("reason")).isEqualTo("revoked");
    assertThat(introspect(new JsonObject().put("key", created.getString("key"))).getBoolean("active")).isFalse();
    assertRefused((ServiceException) Await.failure(directory.edge(DirectoryContract.REVOKE_API_KEY, revocation)),
        ServiceFailure.NOT_FOUND, "id", "id: no such API key");
    assertRefused((ServiceException) Await.failure(directory.edge(DirectoryContract.REVOKE_API_KEY,
        revocation.copy().put("id", "not-a-key"))), ServiceFailure.NOT_FOUND, "id", "id: no such API key");
  }

  @Test
  void anOrgAdminLearnsNothingOfAnotherOrgsKeysAndIntrospectionNeedsItsScope() {
    String bob = directory.adminOk(AdminContract.CREATE_USER, PLATFORM, org("beta"),
        new JsonObject().put("email", "bob@beta.com")).getString("id");
    String annKey = Await.result(createKey(ann, "acme", new JsonObject().put("name", "ci"))).getString("key");
    String bobKey = Await.result(createKey(bob, "beta", new JsonObject().put("name", "ci"))).getString("key");
    AdminActor writer = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "writer",
        Set.of(AdminScope.USERS_WRITE));

    JsonObject own = directory.adminOk(AdminContract.INTROSPECT_API_KEY, ACME_ADMIN, new JsonObject(),
        new JsonObject().put("key", annKey));
    JsonObject other = directory.adminOk(AdminContract.INTROSPECT_API_KEY, ACME_ADMIN, new JsonObject(),
        new JsonObject().put("key", bobKey));
    ServiceException unscoped = directory.adminRefused(AdminContract.INTROSPECT_API_KEY, writer, new JsonObject(),
        new JsonObject().put("key", annKey));

    assertThat(own.getBoolean("active")).isTrue();
    assertThat(other).isEqualTo(new JsonObject().put("active", false));
    assertRefused(unscoped, ServiceFailure.FORBIDDEN, null,
        "this token lacks the scope api-keys:introspect (it has: users:write)");
  }
}
