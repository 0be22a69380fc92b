package io.ssobroker.registry.admin;

import static io.ssobroker.registry.admin.RegistryAdminBus.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.bus.ServiceFailure;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Domains through the registry's admin addresses: one org per domain, org isolation, validation, audit, notices. */
class DomainsIT extends RegistryAdminCase {

  private static final AdminActor ACME_ADMIN = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "acme admin");
  private static final AdminActor GLOBEX_ADMIN = new AdminActor(UUID.randomUUID(), Optional.of("globex"),
      "globex admin");
  private static final AdminActor PLATFORM = new AdminActor(UUID.randomUUID(), Optional.empty(), "platform");

  private static JsonObject org(String slug) {
    return new JsonObject().put("org", slug);
  }

  private static JsonObject claim(AdminActor actor, String org, String domain) {
    return registry.answer(AdminContract.CLAIM_DOMAIN, actor, org(org), new JsonObject().put("domain", domain));
  }

  @Test
  void aClaimedDomainWaitsForItsTxtRecordAndIsAuditedOnceAndAnnounced() {
    int notices = registry.changeNotices();
    JsonObject claimed = claim(ACME_ADMIN, "acme", " ACME.com ");

    assertThat(claimed.getString("domain")).isEqualTo("acme.com");
    assertThat(claimed.getBoolean("verified")).isFalse();
    assertThat(claimed.containsKey("verifiedAt")).isTrue();
    assertThat(claimed.getJsonObject("verificationRecord").getString("value")).startsWith("sso-verification=");
    assertThat(claim(ACME_ADMIN, "acme", "acme.com")).as("claiming again changes nothing").isEqualTo(claimed);
    assertThat(registry.answer(AdminContract.GET_DOMAIN, ACME_ADMIN, org("acme").put("domain", "Acme.COM"),
        new JsonObject())).isEqualTo(claimed);
    assertThat(registry.auditEvents("admin.domain.claimed")).singleElement()
        .satisfies(event -> assertThat(event.getJsonObject("details").getJsonObject("after")).isEqualTo(claimed));

    registry.answer(AdminContract.DELETE_DOMAIN, ACME_ADMIN, org("acme").put("domain", "acme.com"), new JsonObject());

    assertThat(registry.auditEvents("admin.domain.deleted").get(0).getJsonObject("details").getJsonObject("before"))
        .isEqualTo(claimed);
    assertThat(registry.answer(AdminContract.LIST_DOMAINS, ACME_ADMIN, org("acme"), new JsonObject())
        .getJsonArray("domains")).isEmpty();
    assertThat(registry.changeNotices()).isEqualTo(notices + 3);
  }

  @Test
  void aDomainBelongsToOneOrgAndIsNotFoundForAnother() {
    claim(ACME_ADMIN, "acme", "acme.com");

    assertRefused(registry.refusal(AdminContract.CLAIM_DOMAIN, GLOBEX_ADMIN, org("globex"),
        new JsonObject().put("domain", "acme.com")), ServiceFailure.CONFLICT, "domain",
        "domain: acme.com belongs to another org");
    assertRefused(registry.refusal(AdminContract.CLAIM_DOMAIN, GLOBEX_ADMIN, org("acme"),
        new JsonObject().put("domain", "acme.org")), ServiceFailure.NOT_FOUND, "org", "org: no org acme");
    assertRefused(registry.refusal(AdminContract.LIST_DOMAINS, GLOBEX_ADMIN, org("acme"), new JsonObject()),
        ServiceFailure.NOT_FOUND, "org", "org: no org acme");
    for (String address : new String[] {AdminContract.GET_DOMAIN, AdminContract.DELETE_DOMAIN,
        AdminContract.VERIFY_DOMAIN}) {
      assertRefused(registry.refusal(address, GLOBEX_ADMIN, org("acme").put("domain", "acme.com"), new JsonObject()),
          ServiceFailure.NOT_FOUND, "domain", "domain: no such domain");
      assertRefused(registry.refusal(address, GLOBEX_ADMIN, org("globex").put("domain", "acme.com"),
          new JsonObject()), ServiceFailure.NOT_FOUND, "domain", "domain: no such domain");
    }
    assertThat(registry.count("select count(*) from registry.domains where domain = 'acme.com'")).isOne();
    AdminActor reader = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "reader",
        Set.of(AdminScope.DOMAINS_READ));
    assertThat(registry.answer(AdminContract.LIST_DOMAINS, reader, org("acme"), new JsonObject())
        .getJsonArray("domains")).hasSize(1);
    assertThat(registry.refusal(AdminContract.DELETE_DOMAIN, reader, org("acme").put("domain", "acme.com"),
        new JsonObject()).failure()).isEqualTo(ServiceFailure.FORBIDDEN);
  }

  @Test
  void eachRefusedFieldIsNamed() {
    assertRefused(registry.refusal(AdminContract.CLAIM_DOMAIN, ACME_ADMIN, org("acme"),
        new JsonObject().put("domain", "not a domain")), ServiceFailure.INVALID_REQUEST, "domain",
        "domain: must be a domain name such as acme.com");
    assertRefused(registry.refusal(AdminContract.CLAIM_DOMAIN, ACME_ADMIN, org("acme"), new JsonObject()),
        ServiceFailure.INVALID_REQUEST, "domain", "domain: must be a domain name such as acme.com");
    assertRefused(registry.refusal(AdminContract.CLAIM_DOMAIN, ACME_ADMIN, org("acme"),
        new JsonObject().put("domain", "acme.com").put("verified", true)), ServiceFailure.INVALID_REQUEST,
        "verified", "verified: unknown field");
    assertRefused(registry.refusal(AdminContract.CLAIM_DOMAIN, PLATFORM, org("initech"),
        new JsonObject().put("domain", "initech.com")), ServiceFailure.NOT_FOUND, "org", "org: no org initech");
    registry.execute("insert into registry.domains (domain, org_slug, verification_token, verified_at, source) "
        + "values ('filed.example', 'acme', 't', now(), 'file')");
    assertRefused(registry.refusal(AdminContract.DELETE_DOMAIN, ACME_ADMIN, org("acme").put("domain", "filed.example"),
        new JsonObject()), ServiceFailure.CONFLICT, "domain", "domain: filed.example comes from the connectors file");
    assertThat(registry.answer(AdminContract.VERIFY_DOMAIN, ACME_ADMIN, org("acme").put("domain", "filed.example"),
        new JsonObject()).getBoolean("verified")).as("verified already: no DNS asked").isTrue();
    assertThat(registry.auditEvents("admin.domain.claimed")).isEmpty();
  }
}
