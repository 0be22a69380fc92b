package io.ssobroker.edge.internal.session;

import io.ssobroker.edge.internal.EdgeAuditTrail;
import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.audit.AuditEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Ends broker sessions, whatever the trigger: one transaction deletes them, writes a back-channel logout for every
 * product that received tokens in them (into {@code edge.backchannel_logouts}, the outbox that {@code
 * BackChannelLogouts} delivers), forgets those products, and stores one audit event per session naming the trigger
 * and the clients told ({@code logout} when the user signed out, {@code session.ended} otherwise). All of it, or none.
 */
public final class SessionEndings {

  /** A session that ended, and the clients that will hear of it. */
  public record Ended(Session session, List<String> clients) {}

  private static final String COLUMNS =
      "sid, user_id, email, name, org_slug, connector_id, connector_kind, authenticated_at, expires_at";
  private static final String BY_COOKIE = "delete from edge.sessions where id_hash = $1 returning " + COLUMNS;
  private static final String BY_SID = "delete from edge.sessions where sid = $1 returning " + COLUMNS;
  private static final String OF_USER = "delete from edge.sessions where user_id = $1 returning " + COLUMNS;
  /** The user's sessions that no longer hold: the user gone ($2 false), or in another org, or with another email. */
  private static final String OF_CHANGED_USER = """
      delete from edge.sessions where user_id = $1 and not ($2::boolean and org_slug = $3 and email = $4)
      returning\s""" + COLUMNS;
  private static final String OF_ORG_CONNECTORS =
      "delete from edge.sessions where org_slug = $1 and connector_id = any($2) returning " + COLUMNS;
  /** The deletion ({@code $1..$n}), then what follows from it; {@code %d} are the trigger's and the time's numbers. */
  private static final String END = """
      with ended as (%s),
      told as (insert into edge.backchannel_logouts (sid, client_id, user_id, trigger, created_at, next_attempt_at)
               select c.sid, c.client_id, c.user_id, $%d, $%d, $%d from edge.session_clients c join ended e using (sid)
               on conflict do nothing),
      held as (delete from edge.session_clients c using ended e where c.sid = e.sid returning c.sid, c.client_id)
      select e.*, coalesce((select array_agg(h.client_id order by h.client_id) from held h where h.sid = e.sid),
                           '{}') as clients
        from ended e
      """;

  private final Pool pool;
  private final EdgeAuditTrail audit;
  private final Clock clock;
  private volatile Consumer<Integer> productsToTell = count -> { };

  public SessionEndings(Pool pool, EdgeAuditTrail audit, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.clock = clock;
  }

  /** Called after a commit that wrote back-channel logouts, with how many: their delivery starts at once. */
  public void whenProductsToTell(Consumer<Integer> nudge) {
    this.productsToTell = nudge;
  }

  /** The browser's session, which its user signed out of (at the broker, or at a product: {@code clientId}). */
  public Future<Optional<Ended>> byCookie(String cookieValue, SessionEndTrigger trigger, Optional<String> clientId,
      ClientInfo caller) {
    return end(BY_COOKIE, Tuple.of(Buffer.buffer(Tokens.sha256(cookieValue))), trigger, clientId, caller)
        .map(ended -> ended.stream().findFirst());
  }

  /** The session a product named by its {@code sid} (an ID token hint without the browser's cookie). */
  public Future<Optional<Ended>> bySid(UUID sid, SessionEndTrigger trigger, Optional<String> clientId,
      ClientInfo caller) {
    return end(BY_SID, Tuple.of(sid), trigger, clientId, caller).map(ended -> ended.stream().findFirst());
  }

  /** Every session of a user (an admin's action). */
  public Future<List<Ended>> ofUser(UUID userId, SessionEndTrigger trigger, ClientInfo caller) {
    return end(OF_USER, Tuple.of(userId), trigger, Optional.empty(), caller);
  }

  /**
   * The sessions of a user that no longer hold: {@code current} is what the directory says of the user now (empty:
   * deleted), and each session whose org or email differs, or every one if the user is gone or disabled, ends with the
   * trigger that says which.
   */
  public Future<List<Ended>> ofChangedUser(UUID userId, Optional<CurrentUser> current, ClientInfo caller) {
    boolean active = current.map(CurrentUser::active).orElse(false);
    Tuple parameters = Tuple.of(userId, active, current.map(CurrentUser::org).orElse(""),
        current.map(CurrentUser::email).orElse(""));
    return pool.withTransaction(sql -> sql.preparedQuery(statement(OF_CHANGED_USER, 4)).execute(parameters
            .addString(SessionEndTrigger.USER_CHANGED.code()).addOffsetDateTime(now()).addOffsetDateTime(now()))
        .compose(rows -> {
          List<Ended> ended = ended(rows);
          List<AuditEvent> events = new ArrayList<>();
          for (Ended one : ended) {
            events.add(event(one, SessionEndTrigger.forChange(one.session(), current), Optional.empty(), caller));
          }
          return audit.outbox().appendAll(sql, events).map(ended);
        }))
        .onSuccess(this::committed);
  }

  /** The org's sessions of these connectors: the org no longer has a connector its users could sign in with. */
  public Future<List<Ended>> ofOrgConnectors(String org, List<UUID> connectors, ClientInfo caller) {
    return end(OF_ORG_CONNECTORS, Tuple.of(org, (Object) connectors.toArray(UUID[]::new)),
        SessionEndTrigger.ORG_SSO_REMOVED, Optional.empty(), caller);
  }

  /** What the directory says of a user now. */
  public record CurrentUser(boolean active, String org, String email) {}

  private Future<List<Ended>> end(String deletion, Tuple parameters, SessionEndTrigger trigger,
      Optional<String> clientId, ClientInfo caller) {
    int used = parameters.size();
    parameters.addString(trigger.code()).addOffsetDateTime(now()).addOffsetDateTime(now());
    return pool.withTransaction(sql -> sql.preparedQuery(statement(deletion, used)).execute(parameters)
            .compose(rows -> {
              List<Ended> ended = ended(rows);
              List<AuditEvent> events = ended.stream().map(one -> event(one, trigger, clientId, caller)).toList();
              return audit.outbox().appendAll(sql, events).map(ended);
            }))
        .onSuccess(this::committed);
  }

  private void committed(List<Ended> ended) {
    if (ended.isEmpty()) {
      return;
    }
    audit.committed();
    int told = ended.stream().mapToInt(one -> one.clients().size()).sum();
    if (told > 0) {
      productsToTell.accept(told);
    }
  }

  private static String statement(String deletion, int used) {
    return END.formatted(deletion, used + 1, used + 2, used + 3);
  }

  private java.time.OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  private static List<Ended> ended(RowSet<Row> rows) {
    List<Ended> ended = new ArrayList<>();
    for (Row row : rows) {
      Session session = new Session(row.getUUID("sid"), row.getUUID("user_id"), row.getString("email"),
          row.getString("name"), row.getString("org_slug"), row.getUUID("connector_id"),
          row.getString("connector_kind"), row.getOffsetDateTime("authenticated_at").toInstant(),
          row.getOffsetDateTime("expires_at").toInstant());
      ended.add(new Ended(session, Arrays.asList(row.getArrayOfStrings("clients"))));
    }
    return ended;
  }

  private static AuditEvent event(Ended ended, SessionEndTrigger trigger, Optional<String> clientId,
      ClientInfo caller) {
    Session session = ended.session();
    JsonObject details = new JsonObject().put("trigger", trigger.code()).put("sid", session.sid().toString())
        .put("clientsTold", new JsonArray(ended.clients()));
    clientId.ifPresent(id -> details.put("clientId", id));
    return AuditEvent.builder(trigger.isUserLogout() ? AuditEvent.LOGOUT : AuditEvent.SESSION_ENDED)
        .org(session.org())
        .connector(session.connectorId().toString(), session.kind())
        .email(session.email())
        .userId(session.userId().toString())
        .client(caller.ip(), caller.userAgent())
        .correlationId(caller.correlationId())
        .details(details)
        .build();
  }
}
