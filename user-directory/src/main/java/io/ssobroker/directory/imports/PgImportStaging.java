package io.ssobroker.directory.imports;

import io.ssobroker.directory.imports.ImportLineParser.Row;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link ImportStaging} over PostgreSQL: every statement of the staging tables. */
public final class PgImportStaging implements ImportStaging {

  private static final String BEGIN = "insert into directory.imports (id, org_slug) values ($1, $2)";
  private static final String OPEN = "select 1 from directory.imports where id = $1 and org_slug = $2";
  private static final String LOCK = OPEN + " for update";
  private static final String STAGE = """
      insert into directory.import_rows (import_id, email, line, name, status)
      select $1, * from unnest($2::text[], $3::bigint[], $4::text[], $5::text[])
      on conflict (import_id, email) do nothing returning line
      """;
  private static final String STAGED_LINES = "select email, line from directory.import_rows "
      + "where import_id = $1 and email = any($2)";
  private static final String STAGED_COUNT = "select count(*) from directory.import_rows where import_id = $1";
  private static final String TAKEN_ELSEWHERE = """
      select r.line, r.email from directory.import_rows r join directory.users u on u.email = r.email
       where r.import_id = $1 and u.org_slug <> $2 order by r.line
      """;
  private static final String NEWLY_DISABLED = """
      select u.id, u.email from directory.import_rows r join directory.users u on u.email = r.email
       where r.import_id = $1 and u.org_slug = $2 and u.status = 'active' and r.status = 'disabled'
      """;
  private static final String APPLY = """
      insert into directory.users (id, email, name, org_slug, status)
      select gen_random_uuid(), r.email, r.name, $2, r.status from directory.import_rows r
       where r.import_id = $1
         and not exists (select 1 from directory.users u where u.email = r.email and u.org_slug <> $2)
      on conflict (email) do update set name = excluded.name, status = excluded.status, updated_at = now()
       where users.org_slug = excluded.org_slug
         and (users.name, users.status) is distinct from (excluded.name, excluded.status)
      returning (xmax = 0) as created
      """;
  private static final String DISCARD = "delete from directory.imports where id = $1";
  private static final String DISCARD_ABANDONED = "delete from directory.imports "
      + "where created_at < now() - interval '1 day'";

  private final Pool pool;

  public PgImportStaging(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> begin(UUID importId, String org) {
    return pool.preparedQuery(BEGIN).execute(Tuple.of(importId, org)).mapEmpty();
  }

  @Override
  public Future<Boolean> isOpen(UUID importId, String org) {
    return pool.preparedQuery(OPEN).execute(Tuple.of(importId, org)).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Boolean> lock(SqlClient sql, UUID importId, String org) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(importId, org)).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<List<Long>> stage(SqlClient sql, UUID importId, List<Row> rows) {
    Tuple batch = Tuple.of(importId,
        rows.stream().map(row -> row.user().email().value()).toArray(String[]::new),
        rows.stream().map(Row::line).toArray(Long[]::new),
        rows.stream().map(row -> row.user().name()).toArray(String[]::new),
        rows.stream().map(row -> row.user().status().value()).toArray(String[]::new));
    return sql.preparedQuery(STAGE).execute(batch).map(inserted -> {
      List<Long> lines = new ArrayList<>(inserted.rowCount());
      inserted.forEach(row -> lines.add(row.getLong("line")));
      return lines;
    });
  }

  @Override
  public Future<Map<String, Long>> stagedLines(SqlClient sql, UUID importId, List<String> emails) {
    return sql.preparedQuery(STAGED_LINES).execute(Tuple.tuple().addValue(importId)
        .addValue(emails.toArray(String[]::new))).map(rows -> {
          Map<String, Long> lines = new HashMap<>();
          rows.forEach(row -> lines.put(row.getString("email"), row.getLong("line")));
          return lines;
        });
  }

  @Override
  public Future<Long> stagedCount(SqlClient sql, UUID importId) {
    return sql.preparedQuery(STAGED_COUNT).execute(Tuple.of(importId)).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<List<TakenElsewhere>> takenElsewhere(SqlClient sql, UUID importId, String org) {
    return sql.preparedQuery(TAKEN_ELSEWHERE).execute(Tuple.of(importId, org)).map(rows -> {
      List<TakenElsewhere> taken = new ArrayList<>(rows.rowCount());
      rows.forEach(row -> taken.add(new TakenElsewhere(row.getLong("line"), row.getString("email"))));
      return taken;
    });
  }

  @Override
  public Future<List<NewlyDisabled>> newlyDisabled(SqlClient sql, UUID importId, String org) {
    return sql.preparedQuery(NEWLY_DISABLED).execute(Tuple.of(importId, org)).map(rows -> {
      List<NewlyDisabled> users = new ArrayList<>(rows.rowCount());
      rows.forEach(row -> users.add(new NewlyDisabled(row.getUUID("id"), row.getString("email"))));
      return users;
    });
  }

  @Override
  public Future<Applied> apply(SqlClient sql, UUID importId, String org) {
    return sql.preparedQuery(APPLY).execute(Tuple.of(importId, org)).map(rows -> {
      int created = 0;
      for (var row : rows) {
        created += row.getBoolean("created") ? 1 : 0;
      }
      return new Applied(created, rows.rowCount() - created);
    });
  }

  @Override
  public Future<Void> discard(SqlClient sql, UUID importId) {
    return sql.preparedQuery(DISCARD).execute(Tuple.of(importId)).mapEmpty();
  }

  @Override
  public Future<Integer> discardAbandoned() {
    return pool.query(DISCARD_ABANDONED).execute().map(rows -> rows.rowCount());
  }
}
