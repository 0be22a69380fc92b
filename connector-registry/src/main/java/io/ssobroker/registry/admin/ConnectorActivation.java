package io.ssobroker.registry.admin;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Activation of a connector, now or at a date: at that instant it becomes active and the connectors of the same org
 * that were active for any of its domains are retired, in one transaction, so that every domain always routes to
 * exactly one connector. A scheduled activation is a row of the database, carried out by whichever registry
 * instance gets to it first, so schedules survive restarts.
 */
public final class ConnectorActivation {

  private static final String CONNECTOR = """
      select id, source, state from registry.connectors where org_slug = $1 and id = $2 for update
      """;
  private static final String SCHEDULE = """
      update registry.connectors set state = 'scheduled', activate_at = $3, updated_at = now()
       where org_slug = $1 and id = $2
      """;
  private static final String RETIRE_PREVIOUS = """
      update registry.connectors c set state = 'retired', updated_at = now()
       where c.org_slug = $1 and c.id <> $2 and c.state = 'active' and c.source = 'api'
         and exists (select 1 from registry.connector_domains mine join registry.connector_domains theirs
                       on theirs.domain = mine.domain
                      where mine.connector_id = $2 and theirs.connector_id = c.id)
      returning c.id
      """;
  private static final String ACTIVATE = """
      update registry.connectors set state = 'active', activate_at = null, updated_at = now()
       where org_slug = $1 and id = $2
      """;
  private static final String DUE = """
      select id, org_slug from registry.connectors
       where state = 'scheduled' and activate_at <= now()
       order by activate_at limit 20 for update skip locked
      """;
  private static final Set<String> FIELDS = Set.of("at");
  private static final String TEST = """
      update registry.connectors set state = 'testing', testers = $3, activate_at = null, updated_at = now()
       where org_slug = $1 and id = $2
      """;

  private final Pool pool;
  private final AuditOutbox outbox;

  public ConnectorActivation(Pool pool, AuditOutbox outbox) {
    this.pool = pool;
    this.outbox = outbox;
  }

  /** {@code {"at": RFC 3339}} schedules; an empty body (or an instant already past) activates now. */
  public Future<JsonObject> request(AdminActor actor, String org, String id, JsonObject body) {
    UUID connectorId;
    OffsetDateTime at;
    try {
      connectorId = UUID.fromString(id);
      for (String field : body.fieldNames()) {
        if (!FIELDS.contains(field)) {
          throw ServiceException.invalid(field, "unknown field");
        }
      }
      at = body.getValue("at") == null ? null : OffsetDateTime.parse(String.valueOf(body.getValue("at")));
    } catch (IllegalArgumentException notAnId) {
      return Future.failedFuture(FieldRefusals.notFound("id", "no such connector"));
    } catch (DateTimeParseException notADate) {
      return Future.failedFuture(ServiceException.invalid("at",
          "must be an RFC 3339 date-time such as 2027-01-01T09:00:00Z"));
    } catch (ServiceException invalid) {
      return Future.failedFuture(invalid);
    }
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(FieldRefusals.notFound("id", "no such connector"));
    }
    boolean now = at == null || !at.isAfter(OffsetDateTime.now());
    return pool.withTransaction(sql -> sql.preparedQuery(CONNECTOR).execute(Tuple.of(org, connectorId)).compose(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      if (row == null) {
        return Future.failedFuture(FieldRefusals.notFound("id", "no such connector"));
      }
      if ("file".equals(row.getString("source"))) {
        return Future.failedFuture(ServiceException.conflict("source",
            "this connector comes from the connectors file and is always active"));
      }
      JsonObject target = new JsonObject().put("connectorId", connectorId.toString()).put("previousState",
          row.getString("state"));
      if (now) {
        return activate(sql, org, connectorId).compose(retired -> outbox.append(sql, AdminChangeEvents.change(
            "admin.connector.activated", actor, org, "connector " + connectorId, null,
            target.copy().put("state", "active").put("retired", retired))).map(done -> target.put("state", "active")
            .put("retired", retired)));
      }
      return sql.preparedQuery(SCHEDULE).execute(Tuple.of(org, connectorId, at)).compose(scheduled -> outbox.append(sql,
          AdminChangeEvents.change("admin.connector.scheduled", actor, org, "connector " + connectorId, null,
              target.copy().put("state", "scheduled").put("activateAt", at.toString()))))
          .map(done -> target.put("state", "scheduled").put("activateAt", at.toString()));
    }));
  }

  /**
   * {@code {"testers": ["a@acme.com", ...]}}: the connector serves /test-app logins of these emails only, until it is
   * activated. An active connector cannot go back to testing.
   */
  public Future<JsonObject> test(AdminActor actor, String org, String id, JsonObject body) {
    UUID connectorId;
    List<String> testers = new ArrayList<>();
    try {
      connectorId = UUID.fromString(id);
      for (String field : body.fieldNames()) {
        if (!field.equals("testers")) {
          throw ServiceException.invalid(field, "unknown field");
        }
      }
      if (!(body.getValue("testers") instanceof io.vertx.core.json.JsonArray list) || list.isEmpty()) {
        throw ServiceException.invalid("testers", "required, a list of emails");
      }
      for (int i = 0; i < list.size(); i++) {
        int index = i;
        testers.add(io.ssobroker.platform.EmailAddress.parse(list.getValue(i) instanceof String s ? s : null)
            .orElseThrow(() -> ServiceException.invalid("testers[" + index + "]", "not an email address")).value());
      }
    } catch (IllegalArgumentException notAnId) {
      return Future.failedFuture(FieldRefusals.notFound("id", "no such connector"));
    } catch (ServiceException invalid) {
      return Future.failedFuture(invalid);
    }
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(FieldRefusals.notFound("id", "no such connector"));
    }
    return pool.withTransaction(sql -> sql.preparedQuery(CONNECTOR).execute(Tuple.of(org, connectorId)).compose(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      if (row == null) {
        return Future.failedFuture(FieldRefusals.notFound("id", "no such connector"));
      }
      if ("file".equals(row.getString("source")) || "active".equals(row.getString("state"))) {
        return Future.failedFuture(ServiceException.conflict("state", "an active connector cannot go back to testing"));
      }
      JsonObject after = new JsonObject().put("connectorId", connectorId.toString()).put("state", "testing")
          .put("testers", new io.vertx.core.json.JsonArray(testers));
      return sql.preparedQuery(TEST).execute(Tuple.of(org, connectorId, testers.toArray(String[]::new)))
          .compose(done -> outbox.append(sql, AdminChangeEvents.change("admin.connector.testing", actor, org,
              "connector " + connectorId, new JsonObject().put("state", row.getString("state")), after)))
          .map(done -> after);
    }));
  }

  /** Activates the connectors whose date has come; answers how many. */
  public Future<Integer> activateDue() {
    return pool.withTransaction(sql -> sql.query(DUE).execute().compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      int count = 0;
      for (Row row : rows) {
        String org = row.getString("org_slug");
        UUID id = row.getUUID("id");
        count++;
        chain = chain.compose(done -> activate(sql, org, id)).mapEmpty();
      }
      int activated = count;
      return chain.map(done -> activated);
    }));
  }

  private Future<List<String>> activate(SqlConnection sql, String org, UUID id) {
    return sql.preparedQuery(RETIRE_PREVIOUS).execute(Tuple.of(org, id)).compose(retiredRows -> {
      List<String> retired = new ArrayList<>();
      retiredRows.forEach(row -> retired.add(row.getUUID("id").toString()));
      return sql.preparedQuery(ACTIVATE).execute(Tuple.of(org, id))
          .compose(done -> outbox.append(sql, AuditEvent.builder("connector.activated").org(org)
              .connector(id.toString(), null)
              .details(new JsonObject().put("retired", new io.vertx.core.json.JsonArray(retired))).build()))
          .map(done -> retired);
    });
  }
}
