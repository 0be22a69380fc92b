package io.ssobroker.registry.connectors;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.registry.ConnectorRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * Credentials that are about to expire (OIDC client secrets, SAML IdP signing certificates): listed on demand, and
 * announced as {@code connector.secret_expiring} at 30, 14, 7 and 1 days before, once per threshold and date.
 * Announcements are recorded in the database in the same transaction as their event, so a restart or a second
 * registry instance never repeats them.
 */
public final class ExpiryService {

  static final List<Integer> THRESHOLDS = List.of(30, 14, 7, 1);

  private final Pool pool;
  private final ConnectorRepository connectors;
  private final AuditOutbox outbox;
  private final Clock clock;

  public ExpiryService(Pool pool, ConnectorRepository connectors, AuditOutbox outbox, Clock clock) {
    this.pool = pool;
    this.connectors = connectors;
    this.outbox = outbox;
    this.clock = clock;
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** The credentials of the actor's connectors (every org's for a platform admin) expiring within the window. */
  public Future<List<ExpiringCredential>> expiring(AdminActor actor, Period within) {
    return connectors.expiring(today().plus(within), actor.org());
  }

  /** Announces every threshold newly crossed; answers how many events it wrote. */
  public Future<Integer> announce() {
    LocalDate today = today();
    return connectors.expiring(today.plusDays(THRESHOLDS.get(0)), java.util.Optional.empty()).compose(expiring -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (ExpiringCredential credential : expiring) {
        chain = chain.compose(count -> announce(credential, today).map(written -> count + (written ? 1 : 0)));
      }
      return chain;
    });
  }

  /** The smallest threshold crossed is the one announced; the larger ones are recorded as passed. */
  private Future<Boolean> announce(ExpiringCredential credential, LocalDate today) {
    long daysLeft = credential.daysLeft(today);
    List<Integer> crossed = THRESHOLDS.stream().filter(threshold -> daysLeft <= threshold).toList();
    int announced = crossed.get(crossed.size() - 1);
    return pool.withTransaction(sql -> connectors.recordExpiryNotice(sql, credential, announced, crossed)
        .compose(first -> !first ? Future.succeededFuture(false)
            : outbox.append(sql, AuditEvent.builder("connector.secret_expiring").org(credential.org())
                    .connector(credential.connectorId().toString(), credential.kind())
                    .details(new JsonObject().put("threshold", announced).put("daysLeft", daysLeft)
                        .put("expiresAt", credential.expiresAt().toString())
                        .put("displayName", credential.displayName()).put("credential", credential.credential()))
                    .build())
                .map(true)));
  }
}
