package io.ssobroker.registry.admin;

import static io.ssobroker.registry.admin.RegistryAdminBus.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.bus.ServiceFailure;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orgs through the registry's admin addresses: who may do what, validation by field, audit events, change notices. */
class OrgsIT extends RegistryAdminCase {

  private static final AdminActor PLATFORM = new AdminActor(UUID.randomUUID(), Optional.empty(), "platform");
  private static final AdminActor ACME_ADMIN = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "acme admin");
  private static final AdminActor ACME_READER = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "acme reader",
      Set.of(AdminScope.ORGS_READ));

  /** The orgs whose users the directory was asked to delete: the directory's address, answered here. */
  private static final List<String> usersDeletedOf = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void answerForTheDirectory(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(AdminContract.DELETE_ORG_USERS, request -> {
      usersDeletedOf.add(request.body().getJsonObject("params").getString("org"));
      request.reply(new JsonObject().put("deleted", 0));
    });
  }

  @BeforeEach
  void forgetDeletions() {
    usersDeletedOf.clear();
  }

  private static JsonObject org(String slug) {
    return new JsonObject().put("org", slug);
  }

  private static JsonObject created(String slug, String name) {
    return new JsonObject().put("slug", slug).put("name", name);
  }

  @Test
  void aPlatformAdminCreatesUpdatesAndDeletesAnOrgEachAuditedAndAnnounced() {
    int notices = registry.changeNotices();
    JsonObject org = registry.answer(AdminContract.CREATE_ORG, PLATFORM, new JsonObject(), created("initech", "Initech")
        .put("allowedReturnOrigins", new JsonArray(List.of("https://app.initech.example/", "https://app.initech.example"))));
    assertThat(org.getString("slug")).isEqualTo("initech");
    assertThat(org.getJsonArray("allowedReturnOrigins")).containsExactly("https://app.initech.example");
    assertThat(org.getValue("landingUrl")).isNull();
    assertThat(org.containsKey("landingUrl")).isTrue();

    JsonObject updated = registry.answer(AdminContract.UPDATE_ORG, PLATFORM, org("initech"),
        new JsonObject().put("name", "Initech Renamed").put("landingUrl", "https://initech.example/home"));
    registry.answer(AdminContract.DELETE_ORG, PLATFORM, org("initech"), new JsonObject());

    assertThat(updated.getString("landingUrl")).isEqualTo("https://initech.example/home");
    assertThat(registry.auditEvents("admin.org.created")).singleElement()
        .satisfies(event -> assertThat(event.getJsonObject("details").getJsonObject("after")).isEqualTo(org));
    JsonObject update = registry.auditEvents("admin.org.updated").get(0).getJsonObject("details");
    assertThat(update.getJsonObject("before").getString("name")).isEqualTo("Initech");
    assertThat(update.getJsonObject("after")).isEqualTo(updated);
    JsonObject deletion = registry.auditEvents("admin.org.deleted").get(0);
    assertThat(deletion.getString("org")).isEqualTo("initech");
    assertThat(deletion.getJsonObject("details").getJsonObject("before")).isEqualTo(updated);
    assertThat(usersDeletedOf).as("the users are deleted first, then swept once more").containsExactly("initech",
        "initech");
    assertThat(registry.count("select count(*) from registry.orgs where slug = 'initech'")).isZero();
    assertThat(registry.changeNotices()).isEqualTo(notices + 3);
  }

  @Test
  void onlyAPlatformAdminCreatesOrDeletesOrgsWhateverTheBody() {
    assertRefused(registry.refusal(AdminContract.CREATE_ORG, ACME_ADMIN, new JsonObject(), new JsonObject()),
        ServiceFailure.FORBIDDEN, null, "only a platform admin creates orgs");
    assertRefused(registry.refusal(AdminContract.DELETE_ORG, ACME_ADMIN, org("acme"), new JsonObject()),
        ServiceFailure.FORBIDDEN, null, "only a platform admin deletes orgs");
    assertThat(usersDeletedOf).isEmpty();
    assertThat(registry.auditEvents("admin.org.deleted")).isEmpty();
  }

  @Test
  void anotherOrgIsNotFoundForAnOrgAdminEvenWithABadBody() {
    assertRefused(registry.refusal(AdminContract.GET_ORG, ACME_ADMIN, org("globex"), new JsonObject()),
        ServiceFailure.NOT_FOUND, "org", "org: no org globex");
    assertRefused(registry.refusal(AdminContract.UPDATE_ORG, ACME_ADMIN, org("globex"), new JsonObject()),
        ServiceFailure.NOT_FOUND, "org", "org: no org globex");
    assertRefused(registry.refusal(AdminContract.DELETE_ORG, ACME_ADMIN, org("globex"), new JsonObject()),
        ServiceFailure.NOT_FOUND, "org", "org: no org globex");
    JsonArray listed = registry.answer(AdminContract.LIST_ORGS, ACME_ADMIN, new JsonObject(), new JsonObject())
        .getJsonArray("orgs");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("slug")).isEqualTo("acme");
    assertThat(registry.answer(AdminContract.GET_ORG, ACME_READER, org("acme"), new JsonObject()).getString("name"))
        .isEqualTo("ACME");
    assertThat(registry.refusal(AdminContract.UPDATE_ORG, ACME_READER, org("acme"), new JsonObject().put("name", "x"))
        .failure()).isEqualTo(ServiceFailure.FORBIDDEN);
  }

  @Test
  void eachRefusedFieldIsNamed() {
    assertRefused(registry.refusal(AdminContract.CREATE_ORG, PLATFORM, new JsonObject(), created("Bad Slug", "x")),
        ServiceFailure.INVALID_REQUEST, "slug", "slug: " + io.ssobroker.platform.OrgSlug.describeRule());
    assertRefused(registry.refusal(AdminContract.CREATE_ORG, PLATFORM, new JsonObject(), created("acme", "Again")),
        ServiceFailure.CONFLICT, "slug", "slug: an org acme already exists");
    assertRefused(registry.refusal(AdminContract.CREATE_ORG, PLATFORM, new JsonObject(),
        created("initech", "x").put("colour", "red")), ServiceFailure.INVALID_REQUEST, "colour", "colour: unknown field");
    assertRefused(registry.refusal(AdminContract.UPDATE_ORG, ACME_ADMIN, org("acme"), new JsonObject()),
        ServiceFailure.INVALID_REQUEST, "name", "name: required");
    assertRefused(registry.refusal(AdminContract.UPDATE_ORG, ACME_ADMIN, org("acme"),
            new JsonObject().put("name", "n".repeat(201))),
        ServiceFailure.INVALID_REQUEST, "name", "name: at most 200 characters");
    assertRefused(registry.refusal(AdminContract.UPDATE_ORG, ACME_ADMIN, org("acme"), new JsonObject().put("name", "A")
            .put("allowedReturnOrigins", new JsonArray(List.of("https://ok.example", "https://app.example/path")))),
        ServiceFailure.INVALID_REQUEST, "allowedReturnOrigins[1]",
        "allowedReturnOrigins[1]: must be an origin such as https://app.example.com");
    assertRefused(registry.refusal(AdminContract.UPDATE_ORG, PLATFORM, org("initech"), new JsonObject().put("name", "x")),
        ServiceFailure.NOT_FOUND, "org", "org: no org initech");
    assertThat(registry.auditEvents("admin.org.updated")).isEmpty();
  }

  @Test
  void anOrgWithConnectorsOfTheFileIsNotDeleted() {
    registry.execute("insert into registry.connectors (id, org_slug, kind, display_name, state, source, parameters) "
        + "values ($1, 'acme', 'oidc', 'Filed', 'active', 'file', '{}')", UUID.randomUUID());

    assertRefused(registry.refusal(AdminContract.DELETE_ORG, PLATFORM, org("acme"), new JsonObject()),
        ServiceFailure.CONFLICT, "slug", "slug: org acme has connectors from the connectors file; remove them there first");
    assertThat(usersDeletedOf).isEmpty();
    assertThat(registry.count("select count(*) from registry.orgs where slug = 'acme'")).isOne();
  }
}
