package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** docs/audit-event.schema.json accepts the events the broker writes and refuses what breaks the contract. */
class AuditEventSchemaTest {

  private static JsonObject failed() {
    return AuditEvent.builder(AuditEvent.LOGIN_FAILED).failure(LoginFailureCategory.USER_NOT_ALLOWED, "org_mismatch")
        .org("acme").connector(UUID.randomUUID().toString(), "azure").email("a@acme.com").subject("sub")
        .client("203.0.113.9", "Mozilla/5.0").correlationId("c0rrelation").build().toJson();
  }

  private static JsonObject adminChange() {
    return AuditEvent.builder("admin.connector.updated").org("acme").details(new JsonObject()
        .put("actor", new JsonObject().put("tokenId", UUID.randomUUID().toString()).put("name", "ops")
            .put("type", "org-admin").put("org", "acme"))
        .put("action", "connector.updated").put("target", "connector 1")
        .put("before", new JsonObject().put("displayName", "A")).put("after", new JsonObject().put("displayName", "B")))
        .build().toJson();
  }

  @Test
  void eventsAsTheBrokerWritesThemAreValid() {
    assertThat(AuditEventSchema.violations(failed().encode())).isEmpty();
    assertThat(AuditEventSchema.violations(adminChange().encode())).isEmpty();
    assertThat(AuditEventSchema.violations(AuditEvent.builder(AuditEvent.LOGIN_STARTED).build().toJson().encode()))
        .as("a login whose org is unknown: every field null").isEmpty();
    for (String type : new String[] {"logout", "login.succeeded", "connector.secret_expiring", "connector.activated",
        "domain.verified", "api_key.created", "api_key.revoked"}) {
      assertThat(AuditEventSchema.violations(AuditEvent.builder(type).org("acme").build().toJson().encode()))
          .as(type).isEmpty();
    }
  }

  @Test
  void eventsThatBreakTheContractAreNot() {
    assertThat(AuditEventSchema.violations(failed().put("category", "FORGOT_PASSWORD").encode())).isNotEmpty();
    assertThat(AuditEventSchema.violations(failed().putNull("category").encode()))
        .as("login.failed without category").isNotEmpty();
    assertThat(AuditEventSchema.violations(AuditEvent.builder(AuditEvent.LOGIN_SUCCEEDED).build().toJson()
        .put("category", "STATE_INVALID").encode())).as("a category on a success").isNotEmpty();
    assertThat(AuditEventSchema.violations(failed().put("id", "42").encode())).as("id not a UUID").isNotEmpty();
    assertThat(AuditEventSchema.violations(failed().put("time", "yesterday").encode())).isNotEmpty();
    assertThat(AuditEventSchema.violations(failed().put("type", "login.maybe").encode())).isNotEmpty();
    assertThat(AuditEventSchema.violations(failed().put("schemaVersion", 2).encode())).isNotEmpty();
    assertThat(AuditEventSchema.violations(failed().put("token", "eyJ...").encode()))
        .as("a field the contract does not have").isNotEmpty();
    JsonObject withoutEmail = failed();
    withoutEmail.remove("email");
    assertThat(AuditEventSchema.violations(withoutEmail.encode())).as("unknown fields are null, not absent")
        .isNotEmpty();
    JsonObject adminWithoutActor = adminChange();
    adminWithoutActor.getJsonObject("details").remove("actor");
    assertThat(AuditEventSchema.violations(adminWithoutActor.encode())).isNotEmpty();
    assertThat(AuditEventSchema.violations(AuditEvent.builder("admin.org.created").build().toJson().encode()))
        .as("admin.* without details").isNotEmpty();
    assertThat(AuditEventSchema.violations("not json")).isNotEmpty();
  }
}
