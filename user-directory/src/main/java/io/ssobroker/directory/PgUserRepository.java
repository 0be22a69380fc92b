package io.ssobroker.directory;

import io.ssobroker.directory.imports.UserRecord;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link UserRepository} over PostgreSQL (schema {@code directory}): every statement of {@code directory.users}. */
final class PgUserRepository implements UserRepository {

  static final int DELETE_BATCH = 200;

  private static final String COLUMNS = "id, email, name, org_slug, status, role, created_at, updated_at";
  private static final String BY_EMAIL =
      "select id, email, name, org_slug, status from directory.users where email = $1";
  private static final String BY_ID =
      "select id, email, name, org_slug, status from directory.users where id = $1";
  private static final String UPSERT = """
      insert into directory.users (id, email, name, org_slug, status)
      values ($1, $2, $3, $4, $5)
      on conflict (email) do update
         set name = excluded.name, org_slug = excluded.org_slug, status = excluded.status, updated_at = now()
       where (users.name, users.org_slug, users.status)
             is distinct from (excluded.name, excluded.org_slug, excluded.status)
      """;
  private static final String CONSOLE_ADMIN = "select id, email, org_slug from directory.users "
      + "where id = $1 and role = 'admin' and status = 'active'";
  private static final String SELECT = "select " + COLUMNS + " from directory.users where id = $1";
  private static final String SELECT_FOR_UPDATE = SELECT + " for update";
  private static final String SELECT_FOR_SHARE = SELECT + " for share";
  private static final String PAGE = "select " + COLUMNS + " from directory.users where org_slug = $1 "
      + "and ($2::text is null or email like $2 escape '\\' or lower(name) like $2 escape '\\') "
      + "and ($3::text is null or status = $3) and email > $4 order by email limit $5";
  private static final String INSERT = "insert into directory.users (id, email, name, org_slug, status, role) "
      + "values ($1, $2, $3, $4, $5, $6) returning " + COLUMNS;
  private static final String UPDATE = "update directory.users set email = $2, name = $3, status = $4, "
      + "role = coalesce($5, role), updated_at = now() where id = $1 returning " + COLUMNS;
  private static final String MOVE = "update directory.users set org_slug = $2, updated_at = now() where id = $1 "
      + "returning " + COLUMNS;
  private static final String DELETE = "delete from directory.users where id = $1";
  private static final String ORG_BATCH_FOR_UPDATE = "select " + COLUMNS + " from directory.users "
      + "where org_slug = $1 order by id limit " + DELETE_BATCH + " for update";

  private static final int UPSERT_BATCH = 1_000;

  private final Pool pool;
  private final SqlClient lookups;

  /** {@code lookups} answers the single-statement reads of every login; {@code pool} runs the transactions. */
  PgUserRepository(Pool pool, SqlClient lookups) {
    this.pool = pool;
    this.lookups = lookups;
  }

  @Override
  public Future<Optional<DirectoryUser>> byEmail(EmailAddress email) {
    return lookups.preparedQuery(BY_EMAIL).execute(Tuple.of(email.value()))
        .map(rows -> first(rows).map(PgUserRepository::directoryUser));
  }

  @Override
  public Future<Optional<DirectoryUser>> byId(UUID id) {
    return lookups.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(rows).map(PgUserRepository::directoryUser));
  }

  @Override
  public Future<Void> upsertAll(List<UserRecord> users) {
    if (users.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(connection -> {
      Future<Void> chain = Future.succeededFuture();
      for (int from = 0; from < users.size(); from += UPSERT_BATCH) {
        List<Tuple> batch = users.subList(from, Math.min(from + UPSERT_BATCH, users.size())).stream()
            .map(user -> Tuple.of(UUID.randomUUID(), user.email().value(), user.name(), user.org(), user.status().value()))
            .toList();
        chain = chain.compose(previous -> connection.preparedQuery(UPSERT).executeBatch(batch).mapEmpty());
      }
      return chain;
    });
  }

  @Override
  public Future<Optional<AdminActor>> consoleAdmin(UUID id) {
    return pool.preparedQuery(CONSOLE_ADMIN).execute(Tuple.of(id)).map(rows -> first(rows).map(row ->
        AdminActor.ofDirectoryAdmin(row.getUUID("id"), row.getString("org_slug"), row.getString("email"))));
  }

  @Override
  public Future<Optional<UserAccount>> find(SqlClient sql, UUID id) {
    return sql.preparedQuery(SELECT).execute(Tuple.of(id)).map(rows -> first(rows).map(PgUserRepository::account));
  }

  @Override
  public Future<Optional<UserAccount>> lockForUpdate(SqlClient sql, UUID id) {
    return sql.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(id))
        .map(rows -> first(rows).map(PgUserRepository::account));
  }

  @Override
  public Future<Optional<UserAccount>> lockForShare(SqlClient sql, UUID id) {
    return sql.preparedQuery(SELECT_FOR_SHARE).execute(Tuple.of(id))
        .map(rows -> first(rows).map(PgUserRepository::account));
  }

  @Override
  public Future<List<UserAccount>> page(UserQuery query, int rows) {
    String pattern = query.search().filter(search -> !search.isBlank())
        .map(search -> "%" + likeEscaped(search.strip().toLowerCase()) + "%").orElse(null);
    Tuple parameters = Tuple.tuple().addValue(query.org()).addValue(pattern)
        .addValue(query.status().map(UserStatus::value).orElse(null)).addValue(query.afterEmail()).addValue(rows);
    return pool.preparedQuery(PAGE).execute(parameters).map(PgUserRepository::accounts);
  }

  @Override
  public Future<UserAccount> insert(SqlClient sql, UUID id, UserRecord user, String role) {
    return sql.preparedQuery(INSERT)
        .execute(Tuple.of(id, user.email().value(), user.name(), user.org(), user.status().value(), role))
        .map(rows -> account(rows.iterator().next()));
  }

  @Override
  public Future<UserAccount> update(SqlClient sql, UUID id, UserRecord fields, Optional<String> role) {
    return sql.preparedQuery(UPDATE)
        .execute(Tuple.of(id, fields.email().value(), fields.name(), fields.status().value(), role.orElse(null)))
        .map(rows -> account(rows.iterator().next()));
  }

  @Override
  public Future<UserAccount> moveTo(SqlClient sql, UUID id, String org) {
    return sql.preparedQuery(MOVE).execute(Tuple.of(id, org)).map(rows -> account(rows.iterator().next()));
  }

  @Override
  public Future<Void> delete(SqlClient sql, UUID id) {
    return sql.preparedQuery(DELETE).execute(Tuple.of(id)).mapEmpty();
  }

  @Override
  public Future<List<UserAccount>> lockBatchOf(SqlClient sql, String org) {
    return sql.preparedQuery(ORG_BATCH_FOR_UPDATE).execute(Tuple.of(org)).map(PgUserRepository::accounts);
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
  }

  private static List<UserAccount> accounts(RowSet<Row> rows) {
    List<UserAccount> accounts = new ArrayList<>(rows.rowCount());
    rows.forEach(row -> accounts.add(account(row)));
    return accounts;
  }

  private static UserAccount account(Row row) {
    return new UserAccount(row.getUUID("id"), row.getString("email"), row.getString("name"),
        row.getString("org_slug"), row.getString("status"), row.getString("role"),
        row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
  }

  private static DirectoryUser directoryUser(Row row) {
    return new DirectoryUser(
        row.getUUID("id"),
        row.getString("email"),
        row.getString("name"),
        row.getString("org_slug"),
        UserStatus.parse(row.getString("status")).orElseThrow());
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
