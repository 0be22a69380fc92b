package io.ssobroker.registry.setup;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
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

/** {@link SetupLinkRepository} over {@code registry.setup_links}. */
public final class PgSetupLinkRepository implements SetupLinkRepository {

  private static final String COLUMNS = "id, org_slug, name, created_by, created_at, expires_at, used_at, revoked_at";
  private static final String INSERT = "insert into registry.setup_links (id, org_slug, name, link_hash, created_by, "
      + "created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7) returning " + COLUMNS;
  private static final String LIST = "select " + COLUMNS + " from registry.setup_links where org_slug = $1 "
      + "order by created_at desc, id";
  private static final String REVOKE = "update registry.setup_links set revoked_at = $3 "
      + "where id = $1 and org_slug = $2 and revoked_at is null returning " + COLUMNS;
  private static final String LOCK_BY_LINK = "select " + COLUMNS + " from registry.setup_links where link_hash = $1 "
      + "for update";
  private static final String REDEEM = "update registry.setup_links set used_at = $2, session_hash = $3 "
      + "where id = $1 returning " + COLUMNS;
  private static final String FIND_BY_SESSION = "select " + COLUMNS + " from registry.setup_links "
      + "where session_hash = $1 and revoked_at is null and expires_at > $2";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Pool pool;

  public PgSetupLinkRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<SetupLink>> insert(SqlClient sql, NewSetupLink link) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(link.id(), link.org(), link.name(), link.linkHash(),
            link.createdBy(), at(link.createdAt()), at(link.expiresAt())))
        .map(PgSetupLinkRepository::first)
        .recover(failure -> failure instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
            ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure));
  }

  @Override
  public Future<List<SetupLink>> list(String org) {
    return pool.preparedQuery(LIST).execute(Tuple.of(org)).map(rows -> {
      List<SetupLink> links = new ArrayList<>();
      rows.forEach(row -> links.add(link(row)));
      return links;
    });
  }

  @Override
  public Future<Optional<SetupLink>> revoke(SqlClient sql, UUID id, String org, Instant at) {
    return sql.preparedQuery(REVOKE).execute(Tuple.of(id, org, at(at))).map(PgSetupLinkRepository::first);
  }

  @Override
  public Future<Optional<SetupLink>> lockByLink(SqlClient sql, byte[] linkHash) {
    return sql.preparedQuery(LOCK_BY_LINK).execute(Tuple.of(linkHash)).map(PgSetupLinkRepository::first);
  }

  @Override
  public Future<SetupLink> redeem(SqlClient sql, UUID id, Instant at, byte[] sessionHash) {
    return sql.preparedQuery(REDEEM).execute(Tuple.of(id, at(at), sessionHash))
        .map(rows -> link(rows.iterator().next()));
  }

  @Override
  public Future<Optional<SetupLink>> findBySession(byte[] sessionHash, Instant now) {
    return pool.preparedQuery(FIND_BY_SESSION).execute(Tuple.of(sessionHash, at(now)))
        .map(PgSetupLinkRepository::first);
  }

  private static Optional<SetupLink> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(link(rows.iterator().next()));
  }

  private static SetupLink link(Row row) {
    return new SetupLink(row.getUUID("id"), row.getString("org_slug"), row.getString("name"),
        row.getString("created_by"), instant(row, "created_at").orElseThrow(), instant(row, "expires_at").orElseThrow(),
        instant(row, "used_at"), instant(row, "revoked_at"));
  }

  private static Optional<Instant> instant(Row row, String column) {
    return Optional.ofNullable(row.getOffsetDateTime(column)).map(OffsetDateTime::toInstant);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
