package io.ssobroker.edge.provider;

import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The access tokens issued to products ({@code edge.issued_tokens}): their ids, never the tokens. What the userinfo
 * endpoint checks a token against (not revoked, its broker session still live), and what a replayed code revokes.
 */
final class IssuedTokens {

  /**
   * Issues only while the code has not been found replayed, and holds the code's row until this statement commits,
   * so that a replay arriving meanwhile waits, then revokes what this issued (see {@link #revokeIssuedFor}).
   */
  private static final String RECORD = """
      insert into edge.issued_tokens (jti, client_id, user_id, sid, code_hash, expires_at)
      select $1, $2, $3, $4, code_hash, $6 from edge.authorization_codes
       where code_hash = $5 and replayed_at is null
         for update
      returning jti
      """;
  private static final String REVOKE_OF_CODE = """
      update edge.issued_tokens set revoked_at = now() where code_hash = $1 and revoked_at is null
      """;
  private static final String ACTIVE = """
      select s.user_id, s.org_slug, s.email, s.name from edge.issued_tokens t join edge.sessions s on s.sid = t.sid
       where t.jti = $1 and t.revoked_at is null and t.expires_at > $2 and s.expires_at > now()
      """;
  private static final String PURGE = """
      delete from edge.issued_tokens where jti in
        (select jti from edge.issued_tokens where expires_at < $1 limit 1000)
      """;

  private final SqlClient requests;
  private final SqlClient housekeeping;
  private final AuditOutbox outbox;
  private final Clock clock;

  IssuedTokens(SqlClient requests, SqlClient housekeeping, AuditOutbox outbox, Clock clock) {
    this.requests = requests;
    this.housekeeping = housekeeping;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Records an access token issued for a code, with its {@code token.issued} event, in one statement; answers false
   * (and stores neither) when the code was found replayed meanwhile.
   */
  Future<Boolean> record(UUID jti, String clientId, UUID userId, UUID sid, byte[] codeHash, Instant expiresAt,
      AuditEvent issued) {
    Tuple row = Tuple.from(new Object[] {jti, clientId, userId, sid, Buffer.buffer(codeHash),
        expiresAt.atOffset(ZoneOffset.UTC)});
    return outbox.appendIfChanged(requests, RECORD, row, issued);
  }

  /** Revokes what a code was redeemed for; answers how many tokens. */
  Future<Integer> revokeIssuedFor(byte[] codeHash) {
    return requests.preparedQuery(REVOKE_OF_CODE).execute(Tuple.of(Buffer.buffer(codeHash)))
        .map(rows -> rows.rowCount());
  }

  /** Who a token was issued to, while it is still good: not revoked, not expired, its broker session live. */
  record Holder(UUID userId, String org, String email, String name) {}

  Future<Optional<Holder>> holderWhileActive(UUID jti) {
    return requests.preparedQuery(ACTIVE).execute(Tuple.of(jti, clock.instant().atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          for (Row row : rows) {
            return Optional.of(new Holder(row.getUUID("user_id"), row.getString("org_slug"), row.getString("email"),
                row.getString("name")));
          }
          return Optional.empty();
        });
  }

  Future<Void> purgeExpired() {
    return housekeeping.preparedQuery(PURGE).execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC))).mapEmpty();
  }
}
