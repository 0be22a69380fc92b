package io.ssobroker.registry.admin;

import static io.ssobroker.registry.admin.RegistryAdminBus.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.testing.Await;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Setup links through the registry's admin addresses: created once, opened once, revoked, expired, by org. */
class SetupLinksIT extends RegistryAdminCase {

  private static final AdminActor PLATFORM = new AdminActor(UUID.randomUUID(), Optional.empty(), "platform");
  private static final AdminActor ACME_ADMIN = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "acme admin");

  private static JsonObject org(String slug) {
    return new JsonObject().put("org", slug);
  }

  private static JsonObject create(AdminActor actor, String org, JsonObject body) {
    return registry.answer(AdminContract.CREATE_SETUP_LINK, actor, org(org), body);
  }

  private static JsonObject hashes(String link, String session) {
    return new JsonObject().put("linkHash", hash(link)).put("sessionHash", hash(session));
  }

  private static String hash(String secret) {
    return Base64.getEncoder().encodeToString(Tokens.sha256(secret));
  }

  private static Throwable redeemFailure(String link, String session) {
    return Await.failure(registry.bus().request(AdminContract.REDEEM_SETUP_LINK, hashes(link, session)));
  }

  @Test
  void aLinkIsShownOnceOpenedOnceAndThenAuthenticatesItsSessionUntilRevoked() {
    int notices = registry.changeNotices();
    JsonObject created = create(PLATFORM, "acme", new JsonObject().put("name", "Acme IT").put("expiresIn", "P1D"));
    String secret = created.getString("token");

    assertThat(secret).startsWith("ssosetup_");
    assertThat(created.getString("path")).isEqualTo("/console/setup/" + secret);
    assertThat(created.getString("state")).isEqualTo("unused");
    assertThat(created.getString("createdBy")).isEqualTo("platform");
    JsonObject opened = Await.result(registry.bus().request(AdminContract.REDEEM_SETUP_LINK, hashes(secret, "s1")));
    assertThat(AdminActor.fromJson(opened).setupLink()).isTrue();
    assertThat(AdminActor.fromJson(opened).org()).contains("acme");
    assertThat(((ServiceException) redeemFailure(secret, "s2")).failure()).isEqualTo(ServiceFailure.CONFLICT);
    assertThat(Await.result(registry.authenticate("s1")).setupLink()).isTrue();
    JsonObject listed = registry.answer(AdminContract.LIST_SETUP_LINKS, ACME_ADMIN, org("acme"), new JsonObject())
        .getJsonArray("setupLinks").getJsonObject(0);
    assertThat(listed.getString("state")).isEqualTo("in-use");

    JsonObject revoked = registry.answer(AdminContract.REVOKE_SETUP_LINK, ACME_ADMIN,
        org("acme").put("id", created.getString("id")), new JsonObject());

    assertThat(revoked.getString("state")).isEqualTo("revoked");
    assertThat(((ServiceException) Await.failure(registry.authenticate("s1"))).failure())
        .isEqualTo(ServiceFailure.UNAUTHENTICATED);
    assertThat(registry.auditEvents("admin.setup_link.created")).hasSize(1);
    assertThat(registry.auditEvents("admin.setup_link.opened")).hasSize(1);
    assertThat(registry.auditEvents("admin.setup_link.revoked")).hasSize(1);
    assertThat(registry.allAuditEvents()).doesNotContain(secret);
    assertThat(registry.changeNotices()).as("creating and revoking are announced").isEqualTo(notices + 2);
  }

  @Test
  void anExpiredLinkNeitherOpensNorAuthenticates() {
    String unopened = create(PLATFORM, "acme", new JsonObject().put("expiresIn", "PT10M")).getString("token");
    String opened = create(PLATFORM, "acme", new JsonObject().put("expiresIn", "PT10M")).getString("token");
    Await.result(registry.bus().request(AdminContract.REDEEM_SETUP_LINK, hashes(opened, "session")));

    registry.clock().advance(Duration.ofMinutes(10));

    Throwable expired = redeemFailure(unopened, "late");
    assertThat(expired.getMessage()).isEqualTo("this setup link has expired");
    assertThat(((ServiceException) Await.failure(registry.authenticate("session"))).failure())
        .isEqualTo(ServiceFailure.UNAUTHENTICATED);
    assertThat(registry.answer(AdminContract.LIST_SETUP_LINKS, PLATFORM, org("acme"), new JsonObject())
        .getJsonArray("setupLinks").stream().map(link -> ((JsonObject) link).getString("state")))
        .containsOnly("expired");
    assertThat(redeemFailure("ssosetup_unknown", "s").getMessage()).isEqualTo("this setup link is unknown");
  }

  @Test
  void anotherOrgsLinksAreNotFoundAndEachRefusedFieldIsNamed() {
    JsonObject globex = create(PLATFORM, "globex", new JsonObject());
    assertThat(globex.getString("name")).isEqualTo("setup of globex");

    assertRefused(registry.refusal(AdminContract.CREATE_SETUP_LINK, ACME_ADMIN, org("globex"),
        new JsonObject().put("colour", "red")), ServiceFailure.NOT_FOUND, "org", "org: no org globex");
    assertRefused(registry.refusal(AdminContract.LIST_SETUP_LINKS, ACME_ADMIN, org("globex"), new JsonObject()),
        ServiceFailure.NOT_FOUND, "org", "org: no org globex");
    assertRefused(registry.refusal(AdminContract.REVOKE_SETUP_LINK, ACME_ADMIN,
        org("globex").put("id", globex.getString("id")), new JsonObject()),
        ServiceFailure.NOT_FOUND, "id", "id: no such setup link");
    assertRefused(registry.refusal(AdminContract.REVOKE_SETUP_LINK, ACME_ADMIN,
        org("acme").put("id", globex.getString("id")), new JsonObject()),
        ServiceFailure.NOT_FOUND, "id", "id: no such setup link, or revoked already");
    assertRefused(registry.refusal(AdminContract.CREATE_SETUP_LINK, ACME_ADMIN, org("acme"),
        new JsonObject().put("colour", "red")), ServiceFailure.INVALID_REQUEST, "colour", "colour: unknown field");
    assertRefused(registry.refusal(AdminContract.CREATE_SETUP_LINK, ACME_ADMIN, org("acme"),
        new JsonObject().put("name", "n".repeat(201))), ServiceFailure.INVALID_REQUEST, "name",
        "name: at most 200 characters");
    ServiceException tooLong = registry.refusal(AdminContract.CREATE_SETUP_LINK, ACME_ADMIN, org("acme"),
        new JsonObject().put("expiresIn", "P31D"));
    assertThat(tooLong.failure()).isEqualTo(ServiceFailure.INVALID_REQUEST);
    assertThat(tooLong.field()).contains("expiresIn");
    assertRefused(registry.refusal(AdminContract.CREATE_SETUP_LINK, PLATFORM, org("initech"), new JsonObject()),
        ServiceFailure.NOT_FOUND, "org", "org: no org initech");
    assertThat(registry.auditEvents("admin.setup_link.created")).hasSize(1);
  }
}
