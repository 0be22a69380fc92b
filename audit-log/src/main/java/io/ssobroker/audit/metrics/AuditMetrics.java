package io.ssobroker.audit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.connector.ConnectorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The audit log's meters. {@code sso_login_events_total{type,category,connector_kind,client}} counts each login event
 * the store keeps (a duplicate is not counted again), a product's sign-in events included; tag values outside the
 * known ones are {@code other}, and a request's client is {@code unknown} when no such client exists and {@code other}
 * beyond the first {@value #MAX_CLIENTS} clients seen, so that no producer and no request can grow the number of
 * series. {@code sso_audit_store_lag_seconds}: how old the newest event of the last
 * stored batch was when it was stored; 0 once the consumer has caught up with the topic.
 */
public final class AuditMetrics {

  static final String LOGIN_EVENTS = "sso.login.events";
  static final String STORE_LAG = "sso.audit.store.lag";
  private static final String NONE = "none";
  private static final String OTHER = "other";
  private static final Set<String> LOGIN_TYPES = Set.of(AuditEvent.LOGIN_STARTED, AuditEvent.LOGIN_SUCCEEDED,
      AuditEvent.LOGIN_FAILED, AuditEvent.LOGOUT, AuditEvent.AUTHORIZE_FAILED, AuditEvent.TOKEN_ISSUED,
      AuditEvent.TOKEN_FAILED, AuditEvent.TOKEN_REUSE_DETECTED, AuditEvent.TOKEN_REFRESHED, AuditEvent.SESSION_ENDED);
  private static final String UNKNOWN_CLIENT = "unknown_client";
  static final int MAX_CLIENTS = 200;
  private static final Set<String> CATEGORIES =
      Arrays.stream(LoginFailureCategory.values()).map(LoginFailureCategory::code).collect(Collectors.toSet());
  private static final Set<String> KINDS =
      Arrays.stream(ConnectorKind.values()).map(ConnectorKind::value).collect(Collectors.toSet());

  private final MeterRegistry registry;
  private final AtomicLong lagMillis = new AtomicLong();
  private final Set<String> clients = ConcurrentHashMap.newKeySet();
  private final Gauge lag;

  public AuditMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.lag = Gauge.builder(STORE_LAG, lagMillis, millis -> millis.get() / 1000.0)
        .baseUnit("seconds")
        .description("Age of the newest event of the last batch the audit store wrote; 0 when caught up")
        .strongReference(true)
        .register(registry);
  }

  public static boolean isLoginEvent(String type) {
    return LOGIN_TYPES.contains(type);
  }

  /** An event the store did not have before. */
  public void stored(AuditEvent event) {
    if (!isLoginEvent(event.type())) {
      return;
    }
    Counter.builder(LOGIN_EVENTS)
        .description("Login events stored by the audit log, by type, failure category, connector kind and client")
        .tag("type", event.type())
        .tag("category", event.category().map(code -> CATEGORIES.contains(code) ? code : OTHER).orElse(NONE))
        .tag("connector_kind", event.connectorKind().map(kind -> KINDS.contains(kind) ? kind : OTHER).orElse(NONE))
        .tag("client", client(event))
        .register(registry)
        .increment();
  }

  /** The product the event is about: {@code details.clientId}, as bounded as the other tags. */
  private String client(AuditEvent event) {
    String clientId = event.details().getValue("clientId") instanceof String id ? id : null;
    if (clientId == null) {
      return NONE;
    }
    if (event.reason().filter(UNKNOWN_CLIENT::equals).isPresent()) {
      return "unknown";
    }
    if (clients.contains(clientId) || (clients.size() < MAX_CLIENTS && clients.add(clientId))) {
      return clientId;
    }
    return OTHER;
  }

  public void batchStored(Instant newestEvent, Instant now) {
    lagMillis.set(Math.max(0, Duration.between(newestEvent, now).toMillis()));
  }

  public void caughtUp() {
    lagMillis.set(0);
  }

  /** Removes the gauge, whose value belongs to this instance. */
  public void close() {
    registry.remove(lag);
  }
}
