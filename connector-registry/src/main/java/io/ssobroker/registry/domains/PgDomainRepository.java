package io.ssobroker.registry.domains;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DomainRepository} over {@code registry.domains}. */
public final class PgDomainRepository implements DomainRepository {

  private static final String COLUMNS = "domain, org_slug, verification_token, verified_at, source, created_at";
  private static final String CLAIM = "insert into registry.domains (domain, org_slug, verification_token, source) "
      + "values ($1, $2, $3, 'api') on conflict (domain) do nothing returning " + COLUMNS;
  private static final String SELECT = "select " + COLUMNS + " from registry.domains where domain = $1";
  private static final String LIST = "select " + COLUMNS + " from registry.domains where org_slug = $1 order by domain";
  private static final String VERIFY = "update registry.domains set verified_at = coalesce(verified_at, now()) "
      + "where domain = $1 returning " + COLUMNS;
  private static final String DELETE = "delete from registry.domains where domain = $1 and org_slug = $2";
  private static final String UPSERT_FROM_FILE = """
      insert into registry.domains (domain, org_slug, verification_token, verified_at, source)
      values ($1, $2, $3, now(), 'file')
      on conflict (domain) do update set verified_at = coalesce(registry.domains.verified_at, now()), source = 'file'
      """;
  private static final String DELETE_STALE_FILE_DOMAINS =
      "delete from registry.domains where source = 'file' and not (domain = any($1))";
  private static final String OWNERS = "select domain, org_slug from registry.domains where domain = any($1)";

  private final Pool pool;

  public PgDomainRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Domain>> claim(SqlClient sql, String domain, String org, String verificationToken) {
    return sql.preparedQuery(CLAIM).execute(Tuple.of(domain, org, verificationToken)).map(PgDomainRepository::first);
  }

  @Override
  public Future<Optional<Domain>> find(SqlClient sql, String domain) {
    return sql.preparedQuery(SELECT).execute(Tuple.of(domain)).map(PgDomainRepository::first);
  }

  @Override
  public Future<List<Domain>> list(String org) {
    return pool.preparedQuery(LIST).execute(Tuple.of(org)).map(rows -> {
      List<Domain> domains = new ArrayList<>();
      rows.forEach(row -> domains.add(domain(row)));
      return domains;
    });
  }

  @Override
  public Future<Domain> verify(SqlClient sql, String domain) {
    return sql.preparedQuery(VERIFY).execute(Tuple.of(domain)).map(rows -> domain(rows.iterator().next()));
  }

  @Override
  public Future<Void> delete(SqlClient sql, String domain, String org) {
    return sql.preparedQuery(DELETE).execute(Tuple.of(domain, org)).mapEmpty();
  }

  @Override
  public Future<Void> upsertFromFile(SqlClient sql, String domain, String org, String verificationToken) {
    return sql.preparedQuery(UPSERT_FROM_FILE).execute(Tuple.of(domain, org, verificationToken)).mapEmpty();
  }

  @Override
  public Future<Void> deleteFileDomainsBut(SqlClient sql, List<String> kept) {
    return sql.preparedQuery(DELETE_STALE_FILE_DOMAINS).execute(Tuple.of((Object) kept.toArray(String[]::new)))
        .mapEmpty();
  }

  @Override
  public Future<Map<String, String>> owners(SqlClient sql, List<String> domains) {
    return sql.preparedQuery(OWNERS).execute(Tuple.of((Object) domains.toArray(String[]::new))).map(rows -> {
      Map<String, String> owners = new HashMap<>();
      rows.forEach(row -> owners.put(row.getString("domain"), row.getString("org_slug")));
      return owners;
    });
  }

  private static Optional<Domain> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(domain(rows.iterator().next()));
  }

  private static Domain domain(Row row) {
    return new Domain(row.getString("domain"), row.getString("org_slug"), row.getString("verification_token"),
        Optional.ofNullable(row.getOffsetDateTime("verified_at")).map(OffsetDateTime::toInstant),
        row.getString("source"));
  }
}
