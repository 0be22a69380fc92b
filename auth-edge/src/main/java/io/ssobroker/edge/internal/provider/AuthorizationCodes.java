package io.ssobroker.edge.internal.provider;

import io.ssobroker.edge.internal.session.Session;
import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.ssobroker.platform.Tokens;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Authorization codes ({@code edge.authorization_codes}): 256 random bits, of which only the SHA-256 is stored, valid
 * for {@link #LIFETIME}, bound to what the authorization request and the broker session said. A code is redeemed once:
 * the statement that marks it redeemed is the one that reads it, so of two redemptions, however close, one wins.
 */
final class AuthorizationCodes {

  static final Duration LIFETIME = Duration.ofSeconds(60);
  /** A redeemed code's row outlives the code, so that a late second redemption is still recognized as a replay. */
  private static final Duration KEPT_AFTER_EXPIRY = Duration.ofMinutes(10);

  /** A code as stored, with what the tokens it is redeemed for say. */
  record StoredCode(byte[] hash, String clientId, String redirectUri, String scope, Optional<String> codeChallenge,
      Optional<String> nonce, UUID sid, UUID userId, String org, String email, String name, String connectorKind,
      Instant authTime, Instant expiresAt) {

    TokenMinter.Grant grant() {
      return new TokenMinter.Grant(userId, org, email, name, connectorKind, sid, scope, authTime, nonce);
    }
  }

  /** What a redemption found. */
  sealed interface Redemption {
    /** The code was not redeemed before, and is now; {@code sessionLive}: its broker session still exists. */
    record First(StoredCode code, boolean sessionLive) implements Redemption {}

    /** The code had been redeemed already: a replay. */
    record Again(StoredCode code) implements Redemption {}

    /** No such code (never issued, or purged long after it expired). */
    record Unknown() implements Redemption {}
  }

  private static final String COLUMNS = "code_hash, client_id, redirect_uri, scope, code_challenge, nonce, sid, "
      + "user_id, org_slug, email, name, connector_kind, auth_time, expires_at";
  private static final String INSERT = "insert into edge.authorization_codes (" + COLUMNS + ") "
      + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
  private static final String REDEEM = """
      update edge.authorization_codes c set redeemed_at = now()
       where code_hash = $1 and redeemed_at is null
      returning %s,
        exists (select 1 from edge.sessions s where s.sid = c.sid and s.expires_at > now()) as session_live
      """.formatted(COLUMNS);
  private static final String FIND = "select " + COLUMNS + " from edge.authorization_codes where code_hash = $1";
  private static final String MARK_REPLAYED =
      "update edge.authorization_codes set replayed_at = now() where code_hash = $1 and replayed_at is null";
  private static final String PURGE = """
      delete from edge.authorization_codes where code_hash in
        (select code_hash from edge.authorization_codes where expires_at < $1 limit 1000)
      """;

  private final SqlClient requests;
  private final SqlClient housekeeping;
  private final Clock clock;

  AuthorizationCodes(SqlClient requests, SqlClient housekeeping, Clock clock) {
    this.requests = requests;
    this.housekeeping = housekeeping;
    this.clock = clock;
  }

  /** A new code for this request, answered by this session's user; the code itself is returned only here. */
  Future<String> issue(PendingAuthorization authorization, Session session) {
    String code = Tokens.random();
    Tuple row = Tuple.from(new Object[] {Buffer.buffer(Tokens.sha256(code)), authorization.clientId(),
        authorization.redirectUri(), authorization.scope(), authorization.codeChallenge().orElse(null),
        authorization.nonce().orElse(null), session.sid(), session.userId(), session.org(), session.email(),
        session.name(), session.kind(), session.authenticatedAt().atOffset(ZoneOffset.UTC),
        clock.instant().plus(LIFETIME).atOffset(ZoneOffset.UTC)});
    return requests.preparedQuery(INSERT).execute(row).map(code);
  }

  Future<Redemption> redeem(String code) {
    Buffer hash = Buffer.buffer(Tokens.sha256(code));
    return requests.preparedQuery(REDEEM).execute(Tuple.of(hash)).compose(redeemed -> {
      for (Row row : redeemed) {
        return Future.succeededFuture(new Redemption.First(stored(row), row.getBoolean("session_live")));
      }
      return requests.preparedQuery(FIND).execute(Tuple.of(hash)).map(AuthorizationCodes::again);
    });
  }

  /** Marks the code as replayed: from now on, nothing more is issued for it (see {@link IssuedTokens#record}). */
  Future<Void> markReplayed(byte[] codeHash) {
    return requests.preparedQuery(MARK_REPLAYED).execute(Tuple.of(Buffer.buffer(codeHash))).mapEmpty();
  }

  Future<Void> purgeExpired() {
    return housekeeping.preparedQuery(PURGE)
        .execute(Tuple.of(clock.instant().minus(KEPT_AFTER_EXPIRY).atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  private static Redemption again(RowSet<Row> rows) {
    for (Row row : rows) {
      return new Redemption.Again(stored(row));
    }
    return new Redemption.Unknown();
  }

  private static StoredCode stored(Row row) {
    return new StoredCode(row.getBuffer("code_hash").getBytes(), row.getString("client_id"),
        row.getString("redirect_uri"), row.getString("scope"), Optional.ofNullable(row.getString("code_challenge")),
        Optional.ofNullable(row.getString("nonce")), row.getUUID("sid"), row.getUUID("user_id"),
        row.getString("org_slug"), row.getString("email"), row.getString("name"), row.getString("connector_kind"),
        row.getOffsetDateTime("auth_time").toInstant(), row.getOffsetDateTime("expires_at").toInstant());
  }
}
