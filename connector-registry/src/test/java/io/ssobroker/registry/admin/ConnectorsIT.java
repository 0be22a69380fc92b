package io.ssobroker.registry.admin;

import static io.ssobroker.registry.admin.RegistryAdminBus.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.bus.ServiceFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Connectors through the registry's admin addresses: write-only secrets, org isolation, validation, activation. */
class ConnectorsIT extends RegistryAdminCase {

  private static final AdminActor ACME_ADMIN = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "acme admin");
  private static final AdminActor GLOBEX_ADMIN = new AdminActor(UUID.randomUUID(), Optional.of("globex"),
      "globex admin");
  private static final String SECRET = "connector-secret-value-0123456789";

  private static JsonObject definition(String domain, String secret) {
    JsonObject parameters = new JsonObject()
        .put("discoveryEndpoint", "https://idp." + domain + "/.well-known/openid-configuration")
        .put("clientId", "client");
    if (secret != null) {
      parameters.put("clientSecret", secret);
    }
    return new JsonObject().put("kind", "oidc").put("displayName", "SSO").put("domains", new JsonArray().add(domain))
        .put("parameters", parameters);
  }

  private static JsonObject at(String org, String id) {
    JsonObject params = new JsonObject().put("org", org);
    return id == null ? params : params.put("id", id);
  }

  private static JsonObject create(String org, String domain) {
    return registry.answer(AdminContract.CREATE_CONNECTOR, ACME_ADMIN.org().get().equals(org) ? ACME_ADMIN
        : GLOBEX_ADMIN, at(org, null), definition(domain, SECRET));
  }

  @Test
  void aConnectorIsADraftWhoseSecretIsNeverAnsweredNorAuditedAndKeptWhenOmitted() {
    int notices = registry.changeNotices();
    JsonObject created = create("acme", "acme.com");

    assertThat(created.getString("state")).isEqualTo("draft");
    assertThat(created.getBoolean("clientSecretSet")).isTrue();
    assertThat(created.getJsonArray("domains")).containsExactly("acme.com");
    assertThat(created.encode()).doesNotContain(SECRET);
    JsonObject renamed = registry.answer(AdminContract.UPDATE_CONNECTOR, ACME_ADMIN, at("acme", created.getString("id")),
        definition("acme.com", null).put("displayName", "Renamed"));
    assertThat(renamed.getString("displayName")).isEqualTo("Renamed");
    assertThat(renamed.getBoolean("clientSecretSet")).isTrue();
    assertThat(registry.count("select count(*) from registry.connectors where client_secret_sealed is not null"))
        .isOne();
    registry.answer(AdminContract.DELETE_CONNECTOR, ACME_ADMIN, at("acme", created.getString("id")), new JsonObject());

    assertThat(registry.auditEvents("admin.connector.created").get(0).getJsonObject("details").getJsonObject("after"))
        .isEqualTo(created);
    assertThat(registry.auditEvents("admin.connector.updated").get(0).getJsonObject("details")
        .getJsonObject("before")).isEqualTo(created);
    assertThat(registry.auditEvents("admin.connector.deleted")).hasSize(1);
    assertThat(registry.allAuditEvents()).doesNotContain(SECRET);
    assertThat(registry.changeNotices()).isEqualTo(notices + 3);
  }

  @Test
  void anotherOrgsConnectorsAreNotFound() {
    String theirs = create("globex", "globex.com").getString("id");

    assertRefused(registry.refusal(AdminContract.LIST_CONNECTORS, ACME_ADMIN, at("globex", null), new JsonObject()),
        ServiceFailure.NOT_FOUND, "org", "org: no org globex");
    assertRefused(registry.refusal(AdminContract.CREATE_CONNECTOR, ACME_ADMIN, at("globex", null),
        new JsonObject().put("id", "mine")), ServiceFailure.NOT_FOUND, "org", "org: no org globex");
    for (String address : List.of(AdminContract.GET_CONNECTOR, AdminContract.UPDATE_CONNECTOR,
        AdminContract.DELETE_CONNECTOR)) {
      JsonObject body = address.equals(AdminContract.UPDATE_CONNECTOR) ? definition("globex.com", "x")
          : new JsonObject();
      assertRefused(registry.refusal(address, ACME_ADMIN, at("globex", theirs), body), ServiceFailure.NOT_FOUND, "id",
          "id: no such connector");
      assertRefused(registry.refusal(address, ACME_ADMIN, at("acme", theirs), body), ServiceFailure.NOT_FOUND, "id",
          "id: no such connector");
      assertRefused(registry.refusal(address, ACME_ADMIN, at("acme", "not-an-id"), body), ServiceFailure.NOT_FOUND,
          "id", "id: no such connector");
    }
    assertRefused(registry.refusal(AdminContract.ACTIVATE_CONNECTOR, ACME_ADMIN, at("globex", theirs),
        new JsonObject()), ServiceFailure.NOT_FOUND, "id", "id: no such connector");
    assertRefused(registry.refusal(AdminContract.TEST_CONNECTOR, ACME_ADMIN, at("globex", theirs),
        new JsonObject().put("testers", new JsonArray().add("a@globex.com"))), ServiceFailure.NOT_FOUND, "id",
        "id: no such connector");
    assertThat(registry.auditEvents("admin.connector.updated")).isEmpty();
    AdminActor reader = new AdminActor(UUID.randomUUID(), Optional.of("globex"), "reader",
        Set.of(AdminScope.CONNECTORS_READ));
    assertThat(registry.answer(AdminContract.LIST_CONNECTORS, reader, at("globex", null), new JsonObject())
        .getJsonArray("connectors")).hasSize(1);
    assertThat(registry.refusal(AdminContract.ACTIVATE_CONNECTOR, reader, at("globex", theirs), new JsonObject())
        .failure()).isEqualTo(ServiceFailure.FORBIDDEN);
  }

  @Test
  void eachRefusedFieldIsNamed() {
    create("globex", "globex.com");
    registry.execute("insert into registry.domains (domain, org_slug, verification_token, source) "
        + "values ('globex.com', 'globex', 't', 'api')");

    assertRefused(registry.refusal(AdminContract.CREATE_CONNECTOR, ACME_ADMIN, at("acme", null),
        definition("acme.com", "s").put("id", "x")), ServiceFailure.INVALID_REQUEST, "id", "id: assigned by the broker");
    assertRefused(registry.refusal(AdminContract.CREATE_CONNECTOR, ACME_ADMIN, at("acme", null),
        definition("acme.com", "s").put("unexpected", true)), ServiceFailure.INVALID_REQUEST, "unexpected",
        "unexpected: unknown field");
    JsonObject noClientId = definition("acme.com", "s");
    noClientId.getJsonObject("parameters").remove("clientId");
    assertThat(registry.refusal(AdminContract.CREATE_CONNECTOR, ACME_ADMIN, at("acme", null), noClientId).field())
        .contains("parameters.clientId");
    assertRefused(registry.refusal(AdminContract.CREATE_CONNECTOR, ACME_ADMIN, at("acme", null),
        definition("globex.com", "s")), ServiceFailure.CONFLICT, "domains[0]",
        "domains[0]: globex.com belongs to another org");
    String id = create("acme", "acme.com").getString("id");
    assertRefused(registry.refusal(AdminContract.UPDATE_CONNECTOR, ACME_ADMIN, at("acme", id),
        definition("acme.com", "s").put("id", id)), ServiceFailure.INVALID_REQUEST, "id", "id: cannot be changed");
    assertRefused(registry.refusal(AdminContract.ACTIVATE_CONNECTOR, ACME_ADMIN, at("acme", id),
        new JsonObject().put("at", "tomorrow")), ServiceFailure.INVALID_REQUEST, "at",
        "at: must be an RFC 3339 date-time such as 2027-01-01T09:00:00Z");
    assertRefused(registry.refusal(AdminContract.ACTIVATE_CONNECTOR, ACME_ADMIN, at("acme", id),
        new JsonObject().put("when", "now")), ServiceFailure.INVALID_REQUEST, "when", "when: unknown field");
    assertRefused(registry.refusal(AdminContract.TEST_CONNECTOR, ACME_ADMIN, at("acme", id), new JsonObject()),
        ServiceFailure.INVALID_REQUEST, "testers", "testers: required, a list of emails");
    assertRefused(registry.refusal(AdminContract.TEST_CONNECTOR, ACME_ADMIN, at("acme", id),
        new JsonObject().put("testers", new JsonArray().add("a@acme.com").add("not an email"))),
        ServiceFailure.INVALID_REQUEST, "testers[1]", "testers[1]: not an email address");
  }

  @Test
  void activationRetiresTheConnectorItReplacesAndAnActiveOneNeverGoesBackToTesting() {
    String first = create("acme", "acme.com").getString("id");
    String second = create("acme", "acme.com").getString("id");
    JsonObject testing = registry.answer(AdminContract.TEST_CONNECTOR, ACME_ADMIN, at("acme", first),
        new JsonObject().put("testers", new JsonArray().add("Ann@Acme.com")));
    assertThat(testing.getString("state")).isEqualTo("testing");
    registry.answer(AdminContract.ACTIVATE_CONNECTOR, ACME_ADMIN, at("acme", first), new JsonObject());

    JsonObject activated = registry.answer(AdminContract.ACTIVATE_CONNECTOR, ACME_ADMIN, at("acme", second),
        new JsonObject());

    assertThat(activated.getString("state")).isEqualTo("active");
    assertThat(activated.getString("previousState")).isEqualTo("draft");
    assertThat(activated.getJsonArray("retired")).containsExactly(first);
    assertThat(registry.answer(AdminContract.GET_CONNECTOR, ACME_ADMIN, at("acme", first), new JsonObject())
        .getString("state")).isEqualTo("retired");
    assertRefused(registry.refusal(AdminContract.TEST_CONNECTOR, ACME_ADMIN, at("acme", second),
        new JsonObject().put("testers", new JsonArray().add("a@acme.com"))), ServiceFailure.CONFLICT, "state",
        "state: an active connector cannot go back to testing");
    JsonObject scheduled = registry.answer(AdminContract.ACTIVATE_CONNECTOR, ACME_ADMIN, at("acme", first),
        new JsonObject().put("at", "2099-01-01T09:00:00Z"));
    assertThat(scheduled.getString("state")).isEqualTo("scheduled");
    assertThat(scheduled.getString("activateAt")).isEqualTo("2099-01-01T09:00Z");
    assertThat(registry.auditEvents("connector.activated")).hasSize(2);
    assertThat(registry.auditEvents("admin.connector.scheduled")).hasSize(1);
  }

  @Test
  void aConnectorOfTheFileIsReadOnlyAndAlwaysActive() {
    UUID filed = UUID.randomUUID();
    registry.execute("insert into registry.connectors (id, org_slug, kind, display_name, state, source, parameters) "
        + "values ($1, 'acme', 'oidc', 'Filed', 'active', 'file', '{}')", filed);

    assertRefused(registry.refusal(AdminContract.DELETE_CONNECTOR, ACME_ADMIN, at("acme", filed.toString()),
        new JsonObject()), ServiceFailure.CONFLICT, "source",
        "source: this connector comes from the connectors file and is read-only here");
    assertRefused(registry.refusal(AdminContract.UPDATE_CONNECTOR, ACME_ADMIN, at("acme", filed.toString()),
        definition("acme.com", "s")), ServiceFailure.CONFLICT, "source",
        "source: this connector comes from the connectors file and is read-only here");
    assertRefused(registry.refusal(AdminContract.ACTIVATE_CONNECTOR, ACME_ADMIN, at("acme", filed.toString()),
        new JsonObject()), ServiceFailure.CONFLICT, "source",
        "source: this connector comes from the connectors file and is always active");
  }

  @Test
  void expiringSecretsAreListedForTheActorsOrgOnlyWithinAWindowNamedByItsField() {
    String today = java.time.LocalDate.now(registry.clock()).toString();
    JsonObject expiring = definition("acme.com", "s");
    expiring.getJsonObject("parameters").put("clientSecretExpiresAt",
        java.time.LocalDate.now(registry.clock()).plusDays(10).toString());
    String id = registry.answer(AdminContract.CREATE_CONNECTOR, ACME_ADMIN, at("acme", null), expiring).getString("id");
    JsonObject globex = definition("globex.com", "s");
    globex.getJsonObject("parameters").put("clientSecretExpiresAt", today);
    registry.answer(AdminContract.CREATE_CONNECTOR, GLOBEX_ADMIN, at("globex", null), globex);

    JsonArray listed = registry.answer(AdminContract.EXPIRING_CONNECTORS, ACME_ADMIN, new JsonObject(),
        new JsonObject()).getJsonArray("connectors");

    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("id")).isEqualTo(id);
    assertThat(listed.getJsonObject(0).getString("credential")).isEqualTo("clientSecret");
    assertThat(listed.getJsonObject(0).getLong("daysLeft")).isEqualTo(10);
    assertThat(registry.answer(AdminContract.EXPIRING_CONNECTORS, ACME_ADMIN, new JsonObject().put("within", "P7D"),
        new JsonObject()).getJsonArray("connectors")).isEmpty();
    assertRefused(registry.refusal(AdminContract.EXPIRING_CONNECTORS, ACME_ADMIN,
        new JsonObject().put("within", "soon"), new JsonObject()), ServiceFailure.INVALID_REQUEST, "within",
        "within: must be an ISO-8601 period such as P30D");
    assertRefused(registry.refusal(AdminContract.EXPIRING_CONNECTORS, ACME_ADMIN,
        new JsonObject().put("within", "P2Y"), new JsonObject()), ServiceFailure.INVALID_REQUEST, "within",
        "within: must be between P0D and P366D");
  }
}
