package io.ssobroker.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.audit.store.ConsumedEvent.Accepted;
import io.ssobroker.audit.store.ConsumedEvent.Refusal;
import io.ssobroker.audit.store.ConsumedEvent.Refused;
import io.ssobroker.platform.audit.AuditEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ConsumedEventTest {

  private static JsonObject valid() {
    return AuditEvent.builder(AuditEvent.LOGIN_STARTED).org("acme").email("a@acme.com").build().toJson();
  }

  private static Refusal refusal(String value) {
    return ((Refused) ConsumedEvent.parse(value)).refusal();
  }

  @Test
  void anAuditEventIsAcceptedWithItsJsonAsPublished() {
    JsonObject event = valid().put("futureField", "kept");
    Accepted accepted = (Accepted) ConsumedEvent.parse(event.encode());
    assertThat(accepted.event().payload()).isEqualTo(event);
    assertThat(accepted.event().event().org()).contains("acme");
  }

  @Test
  void recordsTheStoreCannotKeepAreRefusedWithAReasonThatQuotesNothing() {
    assertThat(refusal(null)).isEqualTo(Refusal.NOT_A_JSON_OBJECT);
    assertThat(refusal("{not json")).isEqualTo(Refusal.NOT_A_JSON_OBJECT);
    assertThat(refusal("\"a string\"")).isEqualTo(Refusal.NOT_A_JSON_OBJECT);
    assertThat(refusal(valid().put("id", "42").encode())).isEqualTo(Refusal.NO_ID);
    assertThat(refusal(valid().putNull("time").encode())).isEqualTo(Refusal.NO_TIME);
    assertThat(refusal(valid().put("time", "+20000-01-01T00:00:00Z").encode())).isEqualTo(Refusal.NO_TIME);
    assertThat(refusal(valid().put("type", " ").encode())).isEqualTo(Refusal.NO_TYPE);
    assertThat(refusal(valid().put("org", 5).encode())).isEqualTo(Refusal.BAD_FIELD);
    assertThat(refusal(valid().put("details", "text").encode())).isEqualTo(Refusal.BAD_FIELD);
    assertThat(refusal(valid().put("email", "a\u0000@acme.com").encode())).isEqualTo(Refusal.NUL_CHARACTER);
  }
}
