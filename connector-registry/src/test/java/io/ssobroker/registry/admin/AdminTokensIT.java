package io.ssobroker.registry.admin;

import static io.ssobroker.platform.admin.AdminScope.AUDIT_READ;
import static io.ssobroker.platform.admin.AdminScope.TOKENS_READ;
import static io.ssobroker.platform.admin.AdminScope.TOKENS_WRITE;
import static io.ssobroker.platform.admin.AdminScope.USERS_READ;
import static io.ssobroker.registry.admin.RegistryAdminBus.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admin tokens through the registry's admin addresses: scopes, org isolation, validation, audit and change notices. */
class AdminTokensIT extends RegistryAdminCase {

  private static final AdminActor PLATFORM = new AdminActor(UUID.randomUUID(), Optional.empty(), "platform");
  private static final AdminActor ACME_TOKEN_ADMIN = new AdminActor(UUID.randomUUID(), Optional.of("acme"),
      "acme token admin", Set.of(TOKENS_READ, TOKENS_WRITE, USERS_READ));
  private static final JsonObject NO_PARAMS = new JsonObject();

  private static JsonObject create(AdminActor actor, JsonObject body) {
    return registry.answer(AdminContract.CREATE_TOKEN, actor, NO_PARAMS, body);
  }

  private static ServiceException createRefused(AdminActor actor, JsonObject body) {
    return registry.refusal(AdminContract.CREATE_TOKEN, actor, NO_PARAMS, body);
  }

  private static JsonObject tokenFor(String org, String... scopes) {
    JsonObject body = new JsonObject().put("org", org).put("name", "token of " + org);
    return scopes.length == 0 ? body : body.put("scopes", new JsonArray(List.of(scopes)));
  }

  @Test
  void aTokenAuthenticatesWithExactlyTheScopesItWasGiven() {
    JsonObject created = create(PLATFORM, tokenFor("acme", "audit:read"));

    assertThat(created.getJsonArray("scopes")).containsExactly("audit:read");
    AdminActor actor = Await.result(registry.authenticate(created.getString("token")));
    assertThat(actor.scopes()).containsExactly(AUDIT_READ);
    assertThat(actor.org()).contains("acme");
    assertThat(actor.kind()).isEqualTo(AdminActor.Kind.ORG_ADMIN);
    assertThat(actor.hasScopeFor(AdminContract.QUERY_AUDIT)).isTrue();
    assertThat(actor.hasScopeFor(AdminContract.LIST_USERS)).isFalse();
    assertThat(actor.hasScopeFor(AdminContract.CREATE_CONNECTOR)).isFalse();
  }

  @Test
  void withoutScopesATokenGetsItsCreatorsOwn() {
    JsonObject created = create(ACME_TOKEN_ADMIN, tokenFor("acme"));

    assertThat(created.getJsonArray("scopes")).containsExactly("tokens:read", "tokens:write", "users:read");
    assertThat(Await.result(registry.authenticate(created.getString("token"))).scopes())
        .isEqualTo(ACME_TOKEN_ADMIN.scopes());
  }

  @Test
  void aCreatorCannotGiveAScopeItLacks() {
    ServiceException refused = createRefused(ACME_TOKEN_ADMIN, tokenFor("acme", "users:read", "users:write"));

    assertRefused(refused, ServiceFailure.FORBIDDEN, "scopes[1]",
        "scopes[1]: this token lacks the scope users:write and cannot give it");
    assertThat(registry.count("select count(*) from registry.admin_tokens")).isZero();
    assertThat(registry.auditEvents("admin.token.created")).isEmpty();
  }

  @Test
  void anUnknownScopeIsRefusedByItsPlaceInTheList() {
    ServiceException refused = createRefused(PLATFORM, tokenFor("acme", "orgs:read", "everything"));

    assertThat(refused.failure()).isEqualTo(ServiceFailure.INVALID_REQUEST);
    assertThat(refused.field()).contains("scopes[1]");
    assertThat(refused.getMessage()).startsWith("scopes[1]: unknown scope everything; one of tokens:read, ");
    assertRefused(createRefused(PLATFORM, tokenFor("acme").put("scopes", "audit:read")),
        ServiceFailure.INVALID_REQUEST, "scopes",
        "scopes: a non-empty list of scope names, or none for the creator's own");
    assertRefused(createRefused(PLATFORM, tokenFor("acme").put("scopes", new JsonArray())),
        ServiceFailure.INVALID_REQUEST, "scopes",
        "scopes: a non-empty list of scope names, or none for the creator's own");
  }

  @Test
  void eachRefusedFieldIsNamed() {
    assertRefused(createRefused(PLATFORM, tokenFor("acme").put("colour", "blue")), ServiceFailure.INVALID_REQUEST,
        "colour", "colour: unknown field");
    assertRefused(createRefused(PLATFORM, new JsonObject().put("org", "acme")), ServiceFailure.INVALID_REQUEST,
        "name", "name: required");
    assertRefused(createRefused(PLATFORM, new JsonObject().put("name", "x")), ServiceFailure.INVALID_REQUEST,
        "org", "org: required");
    assertRefused(createRefused(PLATFORM, tokenFor("acme").put("name", "n".repeat(201))),
        ServiceFailure.INVALID_REQUEST, "name", "name: at most 200 characters");
    ServiceException badSlug = createRefused(PLATFORM, tokenFor("Not A Slug"));
    assertThat(badSlug.failure()).isEqualTo(ServiceFailure.INVALID_REQUEST);
    assertThat(badSlug.field()).contains("org");
    assertRefused(createRefused(PLATFORM, tokenFor("initech")), ServiceFailure.NOT_FOUND, "org", "org: no org initech");
  }

  @Test
  void anOrgAdminMakesAndSeesTokensOfItsOwnOrgOnly() {
    JsonObject globex = create(PLATFORM, tokenFor("globex"));
    JsonObject acme = create(ACME_TOKEN_ADMIN, tokenFor("acme", "users:read"));

    assertRefused(createRefused(ACME_TOKEN_ADMIN, tokenFor("globex")), ServiceFailure.NOT_FOUND, "org",
        "org: no org globex");
    assertRefused(registry.refusal(AdminContract.REVOKE_TOKEN, ACME_TOKEN_ADMIN,
            new JsonObject().put("id", globex.getString("id")), new JsonObject()),
        ServiceFailure.NOT_FOUND, "id", "id: no such token");
    JsonArray listed = registry.answer(AdminContract.LIST_TOKENS, ACME_TOKEN_ADMIN, NO_PARAMS, new JsonObject())
        .getJsonArray("tokens");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("id")).isEqualTo(acme.getString("id"));
    assertThat(listed.getJsonObject(0).getJsonArray("scopes")).containsExactly("users:read");
    assertThat(listed.encode()).doesNotContain(acme.getString("token"));
  }

  @Test
  void eachAddressNeedsItsScope() {
    AdminActor auditor = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "auditor", Set.of(AUDIT_READ));
    AdminActor reader = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "reader", Set.of(TOKENS_READ));

    ServiceException listRefused = registry.refusal(AdminContract.LIST_TOKENS, auditor, NO_PARAMS, new JsonObject());
    assertThat(listRefused.failure()).isEqualTo(ServiceFailure.FORBIDDEN);
    assertThat(listRefused.getMessage()).isEqualTo("this token lacks the scope tokens:read (it has: audit:read)");
    assertThat(registry.refusal(AdminContract.CREATE_TOKEN, reader, NO_PARAMS, tokenFor("acme")).failure())
        .isEqualTo(ServiceFailure.FORBIDDEN);
    assertThat(registry.answer(AdminContract.LIST_TOKENS, reader, NO_PARAMS, new JsonObject())
        .getJsonArray("tokens")).isEmpty();
  }

  @Test
  void aTokenStoredWithoutScopesKeepsEveryScope() {
    String value = "ssoadm_made-before-scopes-existed";
    registry.execute("insert into registry.admin_tokens (id, org_slug, name, token_hash) values ($1, 'acme', 'old', $2)",
        UUID.randomUUID(), Tokens.sha256(value));

    assertThat(Await.result(registry.authenticate(value)).scopes()).isEqualTo(AdminScope.ALL);
    JsonObject listed = registry.answer(AdminContract.LIST_TOKENS, PLATFORM, NO_PARAMS, new JsonObject())
        .getJsonArray("tokens").getJsonObject(0);
    assertThat(listed.getJsonArray("scopes")).containsExactlyElementsOf(AdminScope.ALL.stream().map(AdminScope::text)
        .sorted().toList());
  }

  @Test
  void theConfiguredPlatformTokenHasEveryScope() {
    AdminActor actor = Await.result(registry.authenticate(RegistryAdminBus.PLATFORM_TOKEN));

    assertThat(actor.isPlatform()).isTrue();
    assertThat(actor.scopes()).isEqualTo(AdminScope.ALL);
  }

  @Test
  void creatingAndRevokingAreAuditedWithTheScopesButNeverTheTokenAndAnnounced() {
    int noticesBefore = registry.changeNotices();
    JsonObject created = create(ACME_TOKEN_ADMIN, tokenFor("acme", "users:read"));
    JsonObject revoked = registry.answer(AdminContract.REVOKE_TOKEN, ACME_TOKEN_ADMIN,
        new JsonObject().put("id", created.getString("id")), new JsonObject());

    JsonObject event = registry.auditEvents("admin.token.created").get(0);
    assertThat(event.getString("org")).isEqualTo("acme");
    JsonObject details = event.getJsonObject("details");
    assertThat(details.getString("target")).isEqualTo("token " + created.getString("id"));
    assertThat(details.getJsonObject("actor").getString("name")).isEqualTo("acme token admin");
    assertThat(details.getJsonObject("after").getJsonArray("scopes")).containsExactly("users:read");
    assertThat(registry.auditEvents("admin.token.revoked").get(0).getJsonObject("details").getJsonObject("after")
        .getString("revokedAt")).isEqualTo(revoked.getString("revokedAt")).isNotNull();
    assertThat(registry.allAuditEvents()).doesNotContain(created.getString("token"));
    assertThat(registry.changeNotices()).isEqualTo(noticesBefore + 2);
    assertThat(Await.failure(registry.authenticate(created.getString("token"))))
        .isInstanceOfSatisfying(ServiceException.class, refused ->
            assertThat(refused.failure()).isEqualTo(ServiceFailure.UNAUTHENTICATED));
  }

  @Test
  void revokingWhatIsNotATokenIdIsNotFound() {
    assertRefused(registry.refusal(AdminContract.REVOKE_TOKEN, PLATFORM, new JsonObject().put("id", "nope"),
        new JsonObject()), ServiceFailure.NOT_FOUND, "id", "id: no such token");
    assertRefused(registry.refusal(AdminContract.REVOKE_TOKEN, PLATFORM,
        new JsonObject().put("id", UUID.randomUUID().toString()), new JsonObject()),
        ServiceFailure.NOT_FOUND, "id", "id: no such token");
  }
}
