package io.ssobroker.edge.internal.provider;

import io.ssobroker.edge.internal.provider.TokenMinter.Grant;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the provider issued to products, never the tokens themselves: the ids of access tokens ({@code
 * edge.issued_tokens}), the hashes of refresh tokens ({@code edge.refresh_tokens}), and which clients hold tokens of
 * each broker session ({@code edge.session_clients}, whom back-channel logout tells). What the userinfo and
 * introspection endpoints check a token against (not revoked, not expired, its broker session live), what a replayed
 * code or refresh token revokes. Every statement of those tables is here.
 */
final class IssuedTokens {

  /** The client now holds tokens of the session: back-channel logout will tell it. */
  private static final String HOLDER = """
      holder as (insert into edge.session_clients (sid, client_id, user_id) select sid, client_id, user_id from change
                 on conflict do nothing)""";
  /** A refresh token of the grant's family, when the client takes them ({@code $7} not null). */
  private static final String REFRESH = """
      refresh as (insert into edge.refresh_tokens (token_hash, family_id, client_id, sid, user_id, org_slug, email, name,
                    connector_kind, scope, auth_time, expires_at)
                  select $8, $7, client_id, sid, user_id, $9, $10, $11, $12, $13, $14, $15 from change
                   where $8::bytea is not null)""";
  /**
   * Issues only while the code has not been found replayed, and holds the code's row until this statement commits,
   * so that a replay arriving meanwhile waits, then revokes what this issued (see {@link #revokeIssuedFor}).
   */
  private static final String RECORD_FOR_CODE = """
      insert into edge.issued_tokens (jti, client_id, user_id, sid, code_hash, expires_at, family_id)
      select $1, $2, $3, $4, code_hash, $6, $7 from edge.authorization_codes
       where code_hash = $5 and replayed_at is null
         for update
      returning jti, client_id, user_id, sid""";
  /** The next token of a family, only while the family stands (a replay may have revoked it meanwhile). */
  private static final String RECORD_FOR_REFRESH = """
      insert into edge.issued_tokens (jti, client_id, user_id, sid, expires_at, family_id)
      select $1, $2, $3, $4, $6, $7
       where not exists (select 1 from edge.refresh_tokens where family_id = $5 and revoked_at is not null)
      returning jti, client_id, user_id, sid""";
  private static final String REVOKE_OF_CODE = """
      update edge.issued_tokens set revoked_at = now() where code_hash = $1 and revoked_at is null
      """;
  private static final String ROTATE = """
      update edge.refresh_tokens r set rotated_at = now()
       where token_hash = $1 and client_id = $2 and rotated_at is null and revoked_at is null
      returning family_id, client_id, sid, user_id, org_slug, email, name, connector_kind, scope, auth_time, expires_at,
        exists (select 1 from edge.sessions s where s.sid = r.sid and s.expires_at > now()) as session_live
      """;
  private static final String FIND_REFRESH = """
      select family_id, client_id, sid, user_id, org_slug, email, name, connector_kind, scope, auth_time, expires_at,
             rotated_at, revoked_at, false as session_live
        from edge.refresh_tokens where token_hash = $1
      """;
  private static final String REVOKE_FAMILY = """
      with refresh as (update edge.refresh_tokens set revoked_at = now() where family_id = $1 and revoked_at is null)
      update edge.issued_tokens set revoked_at = now() where family_id = $1 and revoked_at is null
      """;
  private static final String REVOKE_ACCESS_TOKEN =
      "update edge.issued_tokens set revoked_at = now() where jti = $1 and client_id = $2 and revoked_at is null";
  private static final String ACTIVE = """
      select s.user_id, s.org_slug, s.email, s.name from edge.issued_tokens t join edge.sessions s on s.sid = t.sid
       where t.jti = $1 and t.revoked_at is null and t.expires_at > $2 and s.expires_at > now()
      """;
  private static final String ACTIVE_REFRESH = """
      select r.client_id, r.user_id, r.org_slug, r.scope, r.expires_at from edge.refresh_tokens r
        join edge.sessions s on s.sid = r.sid
       where r.token_hash = $1 and r.rotated_at is null and r.revoked_at is null and r.expires_at > $2
         and s.expires_at > now()
      """;
  private static final String PURGE = """
      delete from edge.issued_tokens where jti in
        (select jti from edge.issued_tokens where expires_at < $1 limit 1000)
      """;
  private static final String PURGE_REFRESH = """
      delete from edge.refresh_tokens where token_hash in
        (select token_hash from edge.refresh_tokens where expires_at < $1 limit 1000)
      """;
  private static final String PURGE_HOLDERS = """
      delete from edge.session_clients where (sid, client_id) in
        (select sid, client_id from edge.session_clients c
          where not exists (select 1 from edge.sessions s where s.sid = c.sid) limit 1000)
      """;

  /** A refresh token as stored. */
  record StoredRefresh(UUID familyId, String clientId, Grant grant, Instant expiresAt, boolean sessionLive) {}

  /** What presenting a refresh token found. */
  sealed interface Rotation {
    /** The family's current token, now rotated: the caller issues the next one. */
    record Current(StoredRefresh token) implements Rotation {}

    /** A token of another client: refused, and left as it was. */
    record OtherClient(StoredRefresh token) implements Rotation {}

    /** A token already rotated: presented again, it is a replay. */
    record Replayed(StoredRefresh token) implements Rotation {}

    /** A token revoked (by its client, or with its family) before it was rotated. */
    record Revoked(StoredRefresh token) implements Rotation {}

    record Unknown() implements Rotation {}
  }

  /** Who a token was issued to, while it is still good: not revoked, not expired, its broker session live. */
  record Holder(UUID userId, String org, String email, String name) {}

  /** An active refresh token, as introspection describes it. */
  record ActiveRefresh(String clientId, UUID userId, String org, String scope, Instant expiresAt) {}

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
   * Records the tokens issued for a code (the access token's id, the refresh token's hash when there is one, the
   * session's new holder) with the {@code token.issued} event, in one statement; answers false (and stores nothing)
   * when the code was found replayed meanwhile.
   */
  Future<Boolean> recordForCode(TokenMinter.Minted minted, String clientId, Grant grant, byte[] codeHash,
      Instant refreshExpiry, AuditEvent issued) {
    UUID familyId = minted.refreshToken().isPresent() ? UUID.randomUUID() : null;
    return outbox.appendIfChanged(requests, List.of(HOLDER, REFRESH), RECORD_FOR_CODE,
        parameters(minted, clientId, grant, Buffer.buffer(codeHash), familyId, refreshExpiry), issued);
  }

  /**
   * Records the next tokens of a refresh family with the {@code token.refreshed} event; false if it was revoked. The
   * session's holder was recorded with the family's first tokens.
   */
  Future<Boolean> recordForRefresh(TokenMinter.Minted minted, String clientId, UUID familyId, Grant grant,
      Instant refreshExpiry, AuditEvent refreshed) {
    return outbox.appendIfChanged(requests, List.of(REFRESH), RECORD_FOR_REFRESH,
        parameters(minted, clientId, grant, familyId, familyId, refreshExpiry), refreshed);
  }

  /** {@code $5} is the code's hash, or the family checked for revocation; {@code $7} the family of the new tokens. */
  private static Tuple parameters(TokenMinter.Minted minted, String clientId, Grant grant, Object fifth,
      UUID familyId, Instant refreshExpiry) {
    Buffer refreshHash = minted.refreshToken().map(token -> Buffer.buffer(Tokens.sha256(token))).orElse(null);
    return Tuple.from(new Object[] {minted.accessTokenId(), clientId, grant.userId(), grant.sid(), fifth,
        utc(minted.accessTokenExpiry()), familyId, refreshHash, grant.org(), grant.email(), grant.name(), grant.connectorKind(), grant.scope(),
        utc(grant.authTime()), utc(refreshExpiry)});
  }

  /** Revokes what a code was redeemed for; answers how many tokens. */
  Future<Integer> revokeIssuedFor(byte[] codeHash) {
    return requests.preparedQuery(REVOKE_OF_CODE).execute(Tuple.of(Buffer.buffer(codeHash)))
        .map(rows -> rows.rowCount());
  }

  /** Rotates a refresh token: of two uses, however close, one finds it current, the other a replay. */
  Future<Rotation> rotate(String refreshToken, String clientId) {
    Buffer hash = Buffer.buffer(Tokens.sha256(refreshToken));
    return requests.preparedQuery(ROTATE).execute(Tuple.of(hash, clientId)).compose(rotated -> {
      for (Row row : rotated) {
        return Future.succeededFuture(new Rotation.Current(refresh(row)));
      }
      return requests.preparedQuery(FIND_REFRESH).execute(Tuple.of(hash))
          .map(found -> notRotated(found, clientId));
    });
  }

  /** Revokes a refresh family and the access tokens issued from it. */
  Future<Void> revokeFamily(UUID familyId) {
    return requests.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(familyId)).mapEmpty();
  }

  /** Revokes one access token of this client; answers whether it was active. */
  Future<Boolean> revokeAccessToken(UUID jti, String clientId) {
    return requests.preparedQuery(REVOKE_ACCESS_TOKEN).execute(Tuple.of(jti, clientId))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Optional<Holder>> holderWhileActive(UUID jti) {
    return requests.preparedQuery(ACTIVE).execute(Tuple.of(jti, utc(clock.instant()))).map(rows -> {
      for (Row row : rows) {
        return Optional.of(new Holder(row.getUUID("user_id"), row.getString("org_slug"), row.getString("email"),
            row.getString("name")));
      }
      return Optional.empty();
    });
  }

  /** A refresh token that is current (not rotated, not revoked, not expired) and whose session is live. */
  Future<Optional<ActiveRefresh>> activeRefresh(String refreshToken) {
    return requests.preparedQuery(ACTIVE_REFRESH)
        .execute(Tuple.of(Buffer.buffer(Tokens.sha256(refreshToken)), utc(clock.instant()))).map(rows -> {
          for (Row row : rows) {
            return Optional.of(new ActiveRefresh(row.getString("client_id"), row.getUUID("user_id"),
                row.getString("org_slug"), row.getString("scope"),
                row.getOffsetDateTime("expires_at").toInstant()));
          }
          return Optional.empty();
        });
  }

  /** The refresh family a token belongs to, whatever its state, with the client it was issued to. */
  Future<Optional<StoredRefresh>> findRefresh(String refreshToken) {
    return requests.preparedQuery(FIND_REFRESH).execute(Tuple.of(Buffer.buffer(Tokens.sha256(refreshToken))))
        .map(rows -> {
          for (Row row : rows) {
            return Optional.of(refresh(row));
          }
          return Optional.empty();
        });
  }

  Future<Void> purgeExpired() {
    Tuple now = Tuple.of(utc(clock.instant()));
    return housekeeping.preparedQuery(PURGE).execute(now)
        .compose(done -> housekeeping.preparedQuery(PURGE_REFRESH).execute(now))
        .compose(done -> housekeeping.preparedQuery(PURGE_HOLDERS).execute()).mapEmpty();
  }

  private static Rotation notRotated(RowSet<Row> rows, String clientId) {
    for (Row row : rows) {
      StoredRefresh token = refresh(row);
      if (!token.clientId().equals(clientId)) {
        return new Rotation.OtherClient(token);
      }
      return row.getValue("rotated_at") != null ? new Rotation.Replayed(token) : new Rotation.Revoked(token);
    }
    return new Rotation.Unknown();
  }

  private static StoredRefresh refresh(Row row) {
    Grant grant = new Grant(row.getUUID("user_id"), row.getString("org_slug"), row.getString("email"),
        row.getString("name"), row.getString("connector_kind"), row.getUUID("sid"), row.getString("scope"),
        row.getOffsetDateTime("auth_time").toInstant(), Optional.empty());
    return new StoredRefresh(row.getUUID("family_id"), row.getString("client_id"), grant,
        row.getOffsetDateTime("expires_at").toInstant(), row.getBoolean("session_live"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
