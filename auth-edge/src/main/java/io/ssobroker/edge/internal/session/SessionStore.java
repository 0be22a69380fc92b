package io.ssobroker.edge.internal.session;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side sessions and claimed login states in PostgreSQL. Only a SHA-256 hash of the session cookie is stored.
 * A session and the audit event of its login are written in one statement: both, or neither.
 */
public final class SessionStore {

  /** A session that was created, with the cookie value that the browser gets and nobody else ever sees again. */
  public record Created(Session session, String cookieValue) {}

  private static final String CLAIM_STATE =
      "insert into edge.consumed_states (state_id, expires_at) values ($1, $2) on conflict (state_id) do nothing";
  private static final String INSERT_SESSION = """
      insert into edge.sessions
        (id_hash, sid, user_id, email, name, org_slug, connector_id, connector_kind, authenticated_at, expires_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      """;
  private static final String FIND_SESSION = """
      select sid, user_id, email, name, org_slug, connector_id, connector_kind, authenticated_at, expires_at
        from edge.sessions where id_hash = $1 and expires_at > now()
      """;
  private static final String CONNECTORS_OF_ORG =
      "select distinct connector_id from edge.sessions where org_slug = $1 and expires_at > now()";
  private static final String LIST_OF_ORG = """
      select s.sid, s.user_id, s.email, s.name, s.org_slug, s.connector_id, s.connector_kind, s.authenticated_at,
             s.expires_at,
             coalesce((select array_agg(c.client_id order by c.client_id) from edge.session_clients c
                        where c.sid = s.sid), '{}') as clients
        from edge.sessions s
       where s.org_slug = $1 and ($2::uuid is null or s.user_id = $2) and s.expires_at > now()
       order by s.authenticated_at desc limit $3
      """;
  private static final String PURGE_SESSIONS = """
      delete from edge.sessions where id_hash in
        (select id_hash from edge.sessions where expires_at < now() limit 1000)
      """;
  private static final String PURGE_STATES = """
      delete from edge.consumed_states where state_id in
        (select state_id from edge.consumed_states where expires_at < now() limit 1000)
      """;

  private final SqlClient requests;
  private final SqlClient housekeeping;
  private final AuditOutbox outbox;

  /**
   * {@code requests} runs the statements of logins and session checks (pipelined); {@code housekeeping} the batch
   * purges, which would otherwise hold up the login statements queued behind them on the same connection.
   */
  public SessionStore(SqlClient requests, SqlClient housekeeping, AuditOutbox outbox) {
    this.requests = requests;
    this.housekeeping = housekeeping;
    this.outbox = outbox;
  }

  /**
   * Claims a login state for the one callback that may use it, before anything else is done with it: of two copies
   * of a callback, however close together, the second finds the state claimed (replayed) before it reaches the IdP.
   * Kept until after the state would have expired anyway.
   */
  public Future<Void> claim(UUID stateId, Instant keepUntil) {
    return requests.preparedQuery(CLAIM_STATE).execute(Tuple.of(stateId, keepUntil.atOffset(ZoneOffset.UTC)))
        .recover(databaseDown -> Future.failedFuture(LoginFailure.of(LoginReason.SESSION_STORE_UNAVAILABLE, databaseDown)))
        .compose(inserted -> inserted.rowCount() == 1
            ? Future.succeededFuture()
            : Future.failedFuture(LoginFailure.of(LoginReason.REPLAYED)));
  }

  /** Creates the session and records the success event, in one statement. */
  public Future<Created> create(Session session, AuditEvent succeeded) {
    String cookieValue = Tokens.random();
    Tuple row = Tuple.from(new Object[] {
        Tokens.sha256(cookieValue), session.sid(), session.userId(), session.email(), session.name(), session.org(),
        session.connectorId(), session.kind(), session.authenticatedAt().atOffset(ZoneOffset.UTC),
        session.expiresAt().atOffset(ZoneOffset.UTC)});
    return outbox.appendWith(requests, INSERT_SESSION, row, succeeded)
        .map(committed -> new Created(session, cookieValue))
        .recover(failure -> Future.failedFuture(LoginFailure.of(LoginReason.SESSION_STORE_UNAVAILABLE, failure)));
  }

  public Future<Optional<Session>> find(String cookieValue) {
    return requests.preparedQuery(FIND_SESSION).execute(Tuple.of(Tokens.sha256(cookieValue))).map(SessionStore::first);
  }

  /** The connectors the org's live sessions were signed in with. */
  public Future<List<UUID>> connectorsOfOrg(String org) {
    return requests.preparedQuery(CONNECTORS_OF_ORG).execute(Tuple.of(org)).map(rows -> {
      List<UUID> connectors = new ArrayList<>();
      rows.forEach(row -> connectors.add(row.getUUID("connector_id")));
      return connectors;
    });
  }

  /** A live session and the clients that hold tokens of it, as the admin API lists them. */
  public record Listed(Session session, List<String> clients) {}

  /** The org's live sessions (of one user, when given), newest first, at most {@code limit}. */
  public Future<List<Listed>> listOfOrg(String org, Optional<UUID> user, int limit) {
    return housekeeping.preparedQuery(LIST_OF_ORG).execute(Tuple.of(org, user.orElse(null), limit)).map(rows -> {
      List<Listed> listed = new ArrayList<>();
      for (Row row : rows) {
        listed.add(new Listed(session(row), Arrays.asList(row.getArrayOfStrings("clients"))));
      }
      return listed;
    });
  }

  /** Removes a batch of expired sessions and used states; small batches keep the table locks short. */
  public Future<Void> purgeExpired() {
    return housekeeping.query(PURGE_SESSIONS).execute().compose(done -> housekeeping.query(PURGE_STATES).execute())
        .mapEmpty();
  }

  private static Optional<Session> first(io.vertx.sqlclient.RowSet<Row> rows) {
    for (Row row : rows) {
      return Optional.of(session(row));
    }
    return Optional.empty();
  }

  private static Session session(Row row) {
    return new Session(row.getUUID("sid"), row.getUUID("user_id"), row.getString("email"), row.getString("name"),
        row.getString("org_slug"), row.getUUID("connector_id"), row.getString("connector_kind"),
        row.getOffsetDateTime("authenticated_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant());
  }
}
