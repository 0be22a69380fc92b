package io.ssobroker.directory;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link ApiKeyRepository} over PostgreSQL: every statement of {@code directory.api_keys}. */
final class PgApiKeyRepository implements ApiKeyRepository {

  private static final String COLUMNS = "id, name, hint, created_at, expires_at, revoked_at";
  private static final String COUNT_LIVE = "select count(*) from directory.api_keys where user_id = $1 "
      + "and revoked_at is null and (expires_at is null or expires_at > $2)";
  private static final String INSERT = "insert into directory.api_keys (id, user_id, name, key_hash, hint, expires_at) "
      + "values ($1, $2, $3, $4, $5, $6) returning " + COLUMNS;
  private static final String UNREVOKED = "select " + COLUMNS + " from directory.api_keys where user_id = $1 "
      + "and revoked_at is null order by created_at, id";
  private static final String REVOKE = "update directory.api_keys set revoked_at = now(), revoked_reason = 'revoked' "
      + "where id = $1 and user_id = $2 and revoked_at is null returning " + COLUMNS;
  private static final String REVOKE_ALL = "update directory.api_keys set revoked_at = now(), revoked_reason = $2 "
      + "where user_id = $1 and revoked_at is null returning " + COLUMNS;
  private static final String HOLDER = """
      select k.user_id, k.expires_at, k.revoked_at, u.org_slug, u.status
        from directory.api_keys k join directory.users u on u.id = k.user_id
       where k.key_hash = $1
      """;

  private final Pool pool;

  PgApiKeyRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Long> countLive(SqlClient sql, UUID userId, Instant now) {
    return sql.preparedQuery(COUNT_LIVE).execute(Tuple.of(userId, now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<ApiKey> insert(SqlClient sql, NewKey key) {
    Tuple row = Tuple.tuple().addValue(key.id()).addValue(key.userId()).addValue(key.name()).addValue(key.keyHash())
        .addValue(key.hint()).addValue(key.expiresAt().map(expires -> expires.atOffset(ZoneOffset.UTC)).orElse(null));
    return sql.preparedQuery(INSERT).execute(row).map(rows -> apiKey(rows.iterator().next()));
  }

  @Override
  public Future<List<ApiKey>> unrevoked(UUID userId) {
    return pool.preparedQuery(UNREVOKED).execute(Tuple.of(userId)).map(PgApiKeyRepository::apiKeys);
  }

  @Override
  public Future<Optional<ApiKey>> revoke(SqlClient sql, UUID keyId, UUID userId) {
    return sql.preparedQuery(REVOKE).execute(Tuple.of(keyId, userId))
        .map(rows -> apiKeys(rows).stream().findFirst());
  }

  @Override
  public Future<List<ApiKey>> revokeAllOf(SqlClient sql, UUID userId, String reason) {
    return sql.preparedQuery(REVOKE_ALL).execute(Tuple.of(userId, reason)).map(PgApiKeyRepository::apiKeys);
  }

  @Override
  public Future<Optional<KeyHolder>> holderOf(byte[] keyHash) {
    return pool.preparedQuery(HOLDER).execute(Tuple.of(keyHash)).map(rows -> {
      for (Row row : rows) {
        return Optional.of(new KeyHolder(row.getUUID("user_id"), row.getString("org_slug"), row.getString("status"),
            instant(row.getOffsetDateTime("expires_at")), row.getValue("revoked_at") != null));
      }
      return Optional.empty();
    });
  }

  private static List<ApiKey> apiKeys(RowSet<Row> rows) {
    List<ApiKey> keys = new ArrayList<>(rows.rowCount());
    rows.forEach(row -> keys.add(apiKey(row)));
    return keys;
  }

  private static ApiKey apiKey(Row row) {
    return new ApiKey(row.getUUID("id"), row.getString("name"), row.getString("hint"),
        row.getOffsetDateTime("created_at").toInstant(), instant(row.getOffsetDateTime("expires_at")),
        instant(row.getOffsetDateTime("revoked_at")));
  }

  private static Optional<Instant> instant(OffsetDateTime time) {
    return Optional.ofNullable(time).map(OffsetDateTime::toInstant);
  }
}
