package io.ssobroker.registry.orgs;

import io.ssobroker.platform.registry.OrgBranding;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link OrgRepository} over {@code registry.orgs}. */
public final class PgOrgRepository implements OrgRepository {

  private static final String COLUMNS = "slug, name, landing_url, allowed_return_origins, brand_display_name, "
      + "brand_logo_url, brand_accent_color, created_at, updated_at";
  private static final String INSERT = "insert into registry.orgs (slug, name, landing_url, allowed_return_origins, "
      + "brand_display_name, brand_logo_url, brand_accent_color) values ($1, $2, $3, $4, $5, $6, $7) returning "
      + COLUMNS;
  private static final String SELECT = "select " + COLUMNS + " from registry.orgs where slug = $1";
  private static final String SELECT_FOR_UPDATE = SELECT + " for update";
  private static final String LIST = "select " + COLUMNS + " from registry.orgs where $1::text is null or slug = $1 "
      + "order by slug";
  private static final String UPDATE = "update registry.orgs set name = $2, landing_url = $3, "
      + "allowed_return_origins = $4, brand_display_name = $5, brand_logo_url = $6, brand_accent_color = $7, "
      + "updated_at = now() where slug = $1 returning " + COLUMNS;
  private static final String DELETE = "delete from registry.orgs where slug = $1";
  private static final String EXISTS = "select 1 from registry.orgs where slug = $1";
  private static final String ENSURE =
      "insert into registry.orgs (slug, name) values ($1, $1) on conflict (slug) do nothing";
  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;

  public PgOrgRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Org>> insert(SqlClient sql, String slug, OrgFields fields) {
    return sql.preparedQuery(INSERT).execute(row(slug, fields)).map(PgOrgRepository::first)
        .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure));
  }

  @Override
  public Future<Optional<Org>> find(String slug) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(slug)).map(PgOrgRepository::first);
  }

  @Override
  public Future<Optional<Org>> lock(SqlClient sql, String slug) {
    return sql.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(slug)).map(PgOrgRepository::first);
  }

  @Override
  public Future<List<Org>> list(Optional<String> slug) {
    return pool.preparedQuery(LIST).execute(Tuple.of(slug.orElse(null))).map(rows -> {
      List<Org> orgs = new ArrayList<>();
      rows.forEach(row -> orgs.add(org(row)));
      return orgs;
    });
  }

  @Override
  public Future<Org> update(SqlClient sql, String slug, OrgFields fields) {
    return sql.preparedQuery(UPDATE).execute(row(slug, fields)).map(rows -> org(rows.iterator().next()));
  }

  @Override
  public Future<Void> delete(SqlClient sql, String slug) {
    return sql.preparedQuery(DELETE).execute(Tuple.of(slug)).mapEmpty();
  }

  @Override
  public Future<Boolean> exists(SqlClient sql, String slug) {
    return sql.preparedQuery(EXISTS).execute(Tuple.of(slug)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> ensure(SqlClient sql, String slug) {
    return sql.preparedQuery(ENSURE).execute(Tuple.of(slug)).mapEmpty();
  }

  private static Tuple row(String slug, OrgFields fields) {
    OrgBranding branding = fields.branding();
    return Tuple.of(slug, fields.name(), fields.landingUrl().orElse(null),
        fields.allowedReturnOrigins().toArray(String[]::new), branding.displayName().orElse(null),
        branding.logoUrl().map(URI::toString).orElse(null), branding.accentColor().orElse(null));
  }

  private static Optional<Org> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(org(rows.iterator().next()));
  }

  private static Org org(Row row) {
    return Org.of(row.getString("slug"), row.getString("name"), row.getString("landing_url"),
        row.getArrayOfStrings("allowed_return_origins"), OrgBranding.of(row.getString("brand_display_name"),
            row.getString("brand_logo_url"), row.getString("brand_accent_color")),
        row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
  }
}
