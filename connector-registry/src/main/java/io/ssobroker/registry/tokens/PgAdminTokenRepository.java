package io.ssobroker.registry.tokens;

import io.ssobroker.platform.admin.AdminScope;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link AdminTokenRepository} over {@code registry.admin_tokens}. */
public final class PgAdminTokenRepository implements AdminTokenRepository {

  private static final String COLUMNS = "id, org_slug, name, scopes, created_at, revoked_at";
  private static final String FIND_ACTIVE = "select " + COLUMNS + " from registry.admin_tokens "
      + "where token_hash = $1 and revoked_at is null";
  private static final String PLATFORM_TOKEN_EXISTS =
      "select 1 from registry.admin_tokens where org_slug is null and revoked_at is null";
  private static final String INSERT = "insert into registry.admin_tokens (id, org_slug, name, token_hash, scopes) "
      + "values ($1, $2, $3, $4, $5) returning " + COLUMNS;
  private static final String LIST = "select " + COLUMNS + " from registry.admin_tokens "
      + "where $1::text is null or org_slug = $1 order by created_at, id";
  private static final String REVOKE = "update registry.admin_tokens set revoked_at = now() "
      + "where id = $1 and revoked_at is null and ($2::text is null or org_slug = $2) returning " + COLUMNS;
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Pool pool;

  public PgAdminTokenRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<AdminToken>> findActive(byte[] tokenHash) {
    return pool.preparedQuery(FIND_ACTIVE).execute(Tuple.of(tokenHash)).map(PgAdminTokenRepository::first);
  }

  @Override
  public Future<Boolean> platformTokenExists() {
    return pool.query(PLATFORM_TOKEN_EXISTS).execute().map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Optional<AdminToken>> insert(SqlClient sql, NewAdminToken token) {
    String[] scopes = token.scopes().map(set -> set.stream().map(AdminScope::text).sorted().toArray(String[]::new))
        .orElse(null);
    return sql.preparedQuery(INSERT)
        .execute(Tuple.of(token.id(), token.org().orElse(null), token.name(), token.tokenHash(), scopes))
        .map(PgAdminTokenRepository::first)
        .recover(failure -> failure instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
            ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure));
  }

  @Override
  public Future<List<AdminToken>> list(Optional<String> org) {
    return pool.preparedQuery(LIST).execute(Tuple.of(org.orElse(null))).map(rows -> {
      List<AdminToken> tokens = new ArrayList<>();
      rows.forEach(row -> tokens.add(token(row)));
      return tokens;
    });
  }

  @Override
  public Future<Optional<AdminToken>> revoke(SqlClient sql, UUID id, Optional<String> org) {
    return sql.preparedQuery(REVOKE).execute(Tuple.of(id, org.orElse(null))).map(PgAdminTokenRepository::first);
  }

  private static Optional<AdminToken> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(token(rows.iterator().next()));
  }

  private static AdminToken token(Row row) {
    OffsetDateTime revokedAt = row.getOffsetDateTime("revoked_at");
    return new AdminToken(row.getUUID("id"), Optional.ofNullable(row.getString("org_slug")), row.getString("name"),
        Optional.ofNullable(row.getArrayOfStrings("scopes")).map(PgAdminTokenRepository::scopes),
        row.getOffsetDateTime("created_at").toInstant(),
        Optional.ofNullable(revokedAt).map(OffsetDateTime::toInstant));
  }

  /** A name no longer known (a scope since removed) grants nothing. */
  private static Set<AdminScope> scopes(String[] names) {
    Set<AdminScope> scopes = EnumSet.noneOf(AdminScope.class);
    for (String name : names) {
      AdminScope.parse(name).ifPresent(scopes::add);
    }
    return scopes;
  }
}
