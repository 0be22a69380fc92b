package io.ssobroker.registry.admin;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Credentials that are about to expire (OIDC client secrets, SAML IdP signing certificates): listed on demand, and
 * announced as {@code connector.secret_expiring} at 30, 14, 7 and 1 days before, once per threshold and date. Announcements are recorded in the database in the same
 * transaction as their event, so a restart or a second registry instance never repeats them.
 */
public final class ExpiryRadar {

  static final List<Integer> THRESHOLDS = List.of(30, 14, 7, 1);
  private static final int MAX_WINDOW_DAYS = 366;
  private static final String EXPIRING = """
      select id, org_slug, kind, display_name, expires_at, credential from (
        select id, org_slug, kind, display_name, state,
               coalesce(client_secret_expires_at, certificate_expires_at) as expires_at,
               case when client_secret_expires_at is not null then 'clientSecret' else 'samlCertificate' end
                 as credential
          from registry.connectors) c
       where expires_at is not null and expires_at <= $1
         and state <> 'retired' and ($2::text is null or org_slug = $2)
       order by expires_at, id
      """;
  private static final String RECORD = """
      insert into registry.expiry_notices (connector_id, expires_on, threshold_days) values ($1, $2, $3)
      on conflict do nothing
      """;

  private final Pool pool;
  private final AuditOutbox outbox;
  private final Clock clock;

  public ExpiryRadar(Pool pool, AuditOutbox outbox, Clock clock) {
    this.pool = pool;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * {@code ?within=P30D}: connectors whose secret or certificate expires within the window (or has expired), soonest
   * first.
   */
  public Future<JsonObject> list(AdminActor actor, String within) {
    Period window;
    try {
      window = Period.parse(within == null ? "P30D" : within);
    } catch (DateTimeParseException malformed) {
      return Future.failedFuture(ServiceException.invalid("within", "must be an ISO-8601 period such as P30D"));
    }
    LocalDate today = LocalDate.now(clock);
    LocalDate until = today.plus(window);
    if (window.isNegative() || ChronoUnit.DAYS.between(today, until) > MAX_WINDOW_DAYS) {
      return Future.failedFuture(ServiceException.invalid("within", "must be between P0D and P366D"));
    }
    return pool.preparedQuery(EXPIRING).execute(Tuple.tuple().addValue(until).addValue(actor.org().orElse(null)))
        .map(rows -> {
      JsonArray connectors = new JsonArray();
      for (Row row : rows) {
        LocalDate expires = row.getLocalDate("expires_at");
        String credential = row.getString("credential");
        connectors.add(new JsonObject().put("id", row.getUUID("id").toString()).put("org", row.getString("org_slug"))
            .put("kind", row.getString("kind")).put("displayName", row.getString("display_name"))
            .put("credential", credential).put("expiresAt", expires.toString())
            .put(credential.equals("clientSecret") ? "clientSecretExpiresAt" : "certificateExpiresAt", expires.toString())
            .put("daysLeft", ChronoUnit.DAYS.between(today, expires)));
      }
      return new JsonObject().put("connectors", connectors);
    });
  }

  /** Announces every threshold newly crossed; answers how many events it wrote. */
  public Future<Integer> announce() {
    LocalDate today = LocalDate.now(clock);
    Tuple everyOrg = Tuple.tuple().addValue(today.plusDays(THRESHOLDS.get(0))).addValue(null);
    return Future.succeededFuture(everyOrg).compose(query -> pool.preparedQuery(EXPIRING).execute(query)).compose(rows -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Row row : rows) {
        chain = chain.compose(count -> announce(row, today).map(written -> count + written));
      }
      return chain;
    });
  }

  /** The smallest threshold crossed is the one announced; the larger ones are recorded as passed. */
  private Future<Integer> announce(Row row, LocalDate today) {
    LocalDate expires = row.getLocalDate("expires_at");
    long daysLeft = ChronoUnit.DAYS.between(today, expires);
    List<Integer> crossed = THRESHOLDS.stream().filter(threshold -> daysLeft <= threshold).toList();
    int announced = crossed.get(crossed.size() - 1);
    return pool.withTransaction(sql -> sql.preparedQuery(RECORD)
        .execute(Tuple.of(row.getUUID("id"), expires, announced))
        .compose(inserted -> {
          if (inserted.rowCount() == 0) {
            return Future.succeededFuture(0);
          }
          List<Tuple> passed = crossed.stream().map(t -> Tuple.of(row.getUUID("id"), expires, t)).toList();
          return sql.preparedQuery(RECORD).executeBatch(passed)
              .compose(recorded -> outbox.append(sql, AuditEvent.builder("connector.secret_expiring")
                  .org(row.getString("org_slug")).connector(row.getUUID("id").toString(), row.getString("kind"))
                  .details(new JsonObject().put("threshold", announced).put("daysLeft", daysLeft)
                      .put("expiresAt", expires.toString()).put("displayName", row.getString("display_name"))
                      .put("credential", row.getString("credential")))
                  .build()))
              .map(done -> 1);
        }));
  }
}
