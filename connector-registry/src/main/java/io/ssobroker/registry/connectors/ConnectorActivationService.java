package io.ssobroker.registry.connectors;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.registry.ConnectorRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Activation of a connector, now or at a date: at that instant it becomes active and the connectors of the same org
 * that were active for any of its domains are retired, in one transaction, so that every domain always routes to
 * exactly one connector. A scheduled activation is a row of the database, carried out by whichever registry
 * instance gets to it first, so schedules survive restarts. Before that, a connector may serve its testers only.
 */
public final class ConnectorActivationService {

  private final Pool pool;
  private final ConnectorRepository connectors;
  private final AuditOutbox outbox;

  public ConnectorActivationService(Pool pool, ConnectorRepository connectors, AuditOutbox outbox) {
    this.pool = pool;
    this.connectors = connectors;
    this.outbox = outbox;
  }

  /**
   * Activates now, or (an instant still to come) schedules; answers {@code connectorId}, {@code previousState},
   * {@code state}, and the connectors {@code retired} or the {@code activateAt}.
   */
  public Future<JsonObject> activate(AdminActor actor, String org, UUID id, Optional<OffsetDateTime> at) {
    boolean now = at.isEmpty() || !at.get().isAfter(OffsetDateTime.now());
    return ConnectorService.maySeeConnector(actor, org).compose(visible -> pool.withTransaction(sql ->
        status(sql, org, id)
            .compose(connector -> connector.fromFile()
                ? Future.failedFuture(ServiceException.conflict("source",
                    "this connector comes from the connectors file and is always active"))
                : now ? activateNow(sql, actor, connector) : schedule(sql, actor, connector, at.get()))));
  }

  /** The connector serves /test-app logins of these emails only, until it is activated; never once active. */
  public Future<JsonObject> startTesting(AdminActor actor, String org, UUID id, List<String> testers) {
    return ConnectorService.maySeeConnector(actor, org).compose(visible -> pool.withTransaction(sql ->
        status(sql, org, id).compose(connector -> {
          if (connector.fromFile() || "active".equals(connector.state())) {
            return Future.failedFuture(ServiceException.conflict("state",
                "an active connector cannot go back to testing"));
          }
          JsonObject after = new JsonObject().put("connectorId", id.toString()).put("state", "testing")
              .put("testers", new JsonArray(List.copyOf(testers)));
          return connectors.startTesting(sql, org, id, testers)
              .compose(started -> outbox.append(sql, AdminChangeEvents.change("admin.connector.testing", actor, org,
                  "connector " + id, new JsonObject().put("state", connector.state()), after)))
              .map(after);
        })));
  }

  /** Activates the connectors whose date has come; answers how many. */
  public Future<Integer> activateDue() {
    return pool.withTransaction(sql -> connectors.lockDue(sql).compose(due -> {
      Future<List<String>> chain = Future.succeededFuture();
      for (ConnectorStatus connector : due) {
        chain = chain.compose(done -> activated(sql, connector));
      }
      return chain.map(done -> due.size());
    }));
  }

  private Future<JsonObject> activateNow(SqlClient sql, AdminActor actor, ConnectorStatus connector) {
    return activated(sql, connector).compose(retired -> {
      JsonObject answer = target(connector).put("state", "active").put("retired", retired);
      return outbox.append(sql, AdminChangeEvents.change("admin.connector.activated", actor, connector.org(),
          "connector " + connector.id(), null, answer.copy())).map(answer);
    });
  }

  private Future<JsonObject> schedule(SqlClient sql, AdminActor actor, ConnectorStatus connector,
      OffsetDateTime at) {
    JsonObject answer = target(connector).put("state", "scheduled").put("activateAt", at.toString());
    return connectors.schedule(sql, connector.org(), connector.id(), at)
        .compose(scheduled -> outbox.append(sql, AdminChangeEvents.change("admin.connector.scheduled", actor,
            connector.org(), "connector " + connector.id(), null, answer.copy())))
        .map(answer);
  }

  /** Activates, retiring what it replaces, with the {@code connector.activated} event; answers the ids retired. */
  private Future<List<String>> activated(SqlClient sql, ConnectorStatus connector) {
    return connectors.activate(sql, connector.org(), connector.id()).compose(retiredIds -> {
      List<String> retired = retiredIds.stream().map(UUID::toString).toList();
      return outbox.append(sql, AuditEvent.builder("connector.activated").org(connector.org())
              .connector(connector.id().toString(), null)
              .details(new JsonObject().put("retired", new JsonArray(retired))).build())
          .map(retired);
    });
  }

  private Future<ConnectorStatus> status(SqlClient sql, String org, UUID id) {
    return connectors.lockStatus(sql, org, id).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(ConnectorService.noConnector())));
  }

  private static JsonObject target(ConnectorStatus connector) {
    return new JsonObject().put("connectorId", connector.id().toString()).put("previousState", connector.state());
  }
}
