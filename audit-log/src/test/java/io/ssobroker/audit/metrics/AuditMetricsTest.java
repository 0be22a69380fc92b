package io.ssobroker.audit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ssobroker.platform.audit.AuditEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The login meter names the product a sign-in is for, and no request can grow its number of series. */
class AuditMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AuditMetrics metrics = new AuditMetrics(registry);

  @Test
  void aProductsSignInEventsCountUnderItsClient() {
    metrics.stored(event(AuditEvent.TOKEN_ISSUED, "analytics", null));
    metrics.stored(event(AuditEvent.LOGIN_SUCCEEDED, "analytics", null));
    metrics.stored(event(AuditEvent.LOGIN_SUCCEEDED, null, null));

    assertThat(count(AuditEvent.TOKEN_ISSUED, "analytics")).isEqualTo(1.0);
    assertThat(count(AuditEvent.LOGIN_SUCCEEDED, "analytics")).isEqualTo(1.0);
    assertThat(count(AuditEvent.LOGIN_SUCCEEDED, "none")).isEqualTo(1.0);
  }

  @Test
  void clientIdsFromRequestsCannotGrowTheSeries() {
    for (int i = 0; i < 1000; i++) {
      metrics.stored(event(AuditEvent.AUTHORIZE_FAILED, "made-up-" + i, "unknown_client"));
    }
    assertThat(count(AuditEvent.AUTHORIZE_FAILED, "unknown")).isEqualTo(1000.0);

    for (int i = 0; i < AuditMetrics.MAX_CLIENTS + 50; i++) {
      metrics.stored(event(AuditEvent.TOKEN_ISSUED, "client-" + i, null));
    }
    assertThat(registry.find("sso.login.events").tag("type", AuditEvent.TOKEN_ISSUED).counters())
        .hasSize(AuditMetrics.MAX_CLIENTS + 1);
    assertThat(count(AuditEvent.TOKEN_ISSUED, "other")).isEqualTo(50.0);
  }

  private double count(String type, String client) {
    Counter counter = registry.find("sso.login.events").tag("type", type).tag("client", client).counter();
    return counter == null ? 0 : counter.count();
  }

  private static AuditEvent event(String type, String clientId, String reason) {
    AuditEvent.Builder builder = AuditEvent.builder(type).org("acme")
        .details(clientId == null ? new JsonObject() : new JsonObject().put("clientId", clientId));
    if (reason != null) {
      builder.reason(reason);
    }
    return builder.build();
  }
}
