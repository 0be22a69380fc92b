package io.ssobroker.audit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.audit.store.AuditQuery;
import io.ssobroker.audit.store.PageCursor;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditQueryRequestTest {

  private static final AdminActor PLATFORM = new AdminActor(UUID.randomUUID(), Optional.empty(), "platform");
  private static final AdminActor ACME = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "acme");

  @Test
  void noParametersMeanEverythingTheActorMaySeeOneHundredAtATime() {
    AuditQuery everything = AuditQueryRequest.parse(PLATFORM, new JsonObject());
    assertThat(everything).isEqualTo(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 100, Optional.empty()));
    assertThat(AuditQueryRequest.parse(ACME, new JsonObject()).org()).contains("acme");
  }

  @Test
  void limitGoesUpToOneThousand() {
    assertThat(AuditQueryRequest.parse(PLATFORM, new JsonObject().put("limit", "1000")).limit()).isEqualTo(1000);
    assertThatThrownBy(() -> AuditQueryRequest.parse(PLATFORM, new JsonObject().put("limit", "1001")))
        .isInstanceOf(ServiceException.class).hasMessageStartingWith("limit: ");
  }

  @Test
  void typePrefixesAndWildcard() {
    assertThat(AuditQueryRequest.parse(PLATFORM, new JsonObject().put("type", "admin.*")).typePrefix())
        .contains("admin.");
    assertThat(AuditQueryRequest.parse(PLATFORM, new JsonObject().put("type", "api_key.*")).typePrefix())
        .contains("api_key.");
    AuditQuery any = AuditQueryRequest.parse(PLATFORM, new JsonObject().put("type", "*"));
    assertThat(any.type()).isEmpty();
    assertThat(any.typePrefix()).isEmpty();
    assertThat(AuditQueryRequest.parse(PLATFORM, new JsonObject().put("type", "logout")).type()).contains("logout");
  }

  @Test
  void cursorsRoundTripToTheMicrosecond() {
    PageCursor cursor = new PageCursor(Instant.parse("2026-03-01T10:00:00.123456789Z"), UUID.randomUUID());
    AuditQuery query = AuditQueryRequest.parse(PLATFORM, new JsonObject().put("cursor", cursor.encode()));
    assertThat(query.after()).contains(cursor);
    assertThat(query.after().orElseThrow().time()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
  }
}
