package io.ssobroker.directory;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link UserRepository} over PostgreSQL (schema {@code directory}). */
final class PgUserRepository implements UserRepository {

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

  private static final int BATCH_SIZE = 1_000;

  private final Pool pool;
  private final SqlClient lookups;

  /** {@code lookups} answers the single-statement reads of every login; {@code pool} runs the transactions. */
  PgUserRepository(Pool pool, SqlClient lookups) {
    this.pool = pool;
    this.lookups = lookups;
  }

  @Override
  public Future<Optional<DirectoryUser>> byEmail(EmailAddress email) {
    return lookups.preparedQuery(BY_EMAIL).execute(Tuple.of(email.value())).map(rows -> {
      var iterator = rows.iterator();
      return iterator.hasNext() ? Optional.of(user(iterator.next())) : Optional.empty();
    });
  }

  @Override
  public Future<Optional<DirectoryUser>> byId(UUID id) {
    return lookups.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> {
      var iterator = rows.iterator();
      return iterator.hasNext() ? Optional.of(user(iterator.next())) : Optional.empty();
    });
  }

  @Override
  public Future<Void> upsertAll(List<UserRecord> users) {
    if (users.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(connection -> {
      Future<Void> chain = Future.succeededFuture();
      for (int from = 0; from < users.size(); from += BATCH_SIZE) {
        List<Tuple> batch = users.subList(from, Math.min(from + BATCH_SIZE, users.size())).stream()
            .map(user -> Tuple.of(UUID.randomUUID(), user.email().value(), user.name(), user.org(), user.status().value()))
            .toList();
        chain = chain.compose(previous -> connection.preparedQuery(UPSERT).executeBatch(batch).mapEmpty());
      }
      return chain;
    });
  }

  private static DirectoryUser user(Row row) {
    return new DirectoryUser(
        row.getUUID("id"),
        row.getString("email"),
        row.getString("name"),
        row.getString("org_slug"),
        UserStatus.parse(row.getString("status")).orElseThrow());
  }
}
