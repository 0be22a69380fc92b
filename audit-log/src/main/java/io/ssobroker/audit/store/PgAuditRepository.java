package io.ssobroker.audit.store;

import io.ssobroker.platform.audit.AuditEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** {@link AuditRepository} over the {@code audit.events} table. */
public final class PgAuditRepository implements AuditRepository {

  // one statement for the whole batch: the columns travel as arrays, one element per event
  private static final String INSERT = """
      insert into audit.events (id, time, type, category, reason, org_slug, connector_id, connector_kind, email,
                                user_id, subject, correlation_id, payload, ocsf_pending)
      select id, time, type, category, reason, org_slug, connector_id, connector_kind, email,
             user_id, subject, correlation_id, payload::jsonb, ocsf_pending
      from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                  $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[])
        as event(id, time, type, category, reason, org_slug, connector_id, connector_kind, email,
                 user_id, subject, correlation_id, payload, ocsf_pending)
      on conflict (id) do nothing
      returning id
      """;
  private static final String OWING_OCSF = """
      select payload from audit.events where id = any($1) and ocsf_pending order by time, id
      """;
  private static final String OCSF_PUBLISHED = "update audit.events set ocsf_pending = false where id = any($1)";
  private static final String PURGE = """
      delete from audit.events where id in (
        select id from audit.events where time < $1 order by time limit $2 for update skip locked)
      """;

  // the query is assembled from these fragments, each with its own placeholder number
  private static final String SELECT_PAGE = "select id, time, payload from audit.events";
  private static final String BY_ORG = "org_slug = $%d";
  private static final String BY_TYPE = "type = $%d";
  private static final String BY_TYPE_PREFIX = "starts_with(type, $%d)";
  private static final String BY_CATEGORY = "category = $%d";
  private static final String FROM = "time >= $%d";
  private static final String UNTIL = "time < $%d";
  private static final String AFTER_CURSOR = "(time, id) < ($%d, $%d)";
  private static final String NEWEST_FIRST = " order by time desc, id desc limit $%d";

  private final Pool pool;

  public PgAuditRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Set<UUID>> insertNew(List<ConsumedEvent> events, Predicate<AuditEvent> ocsfOwed) {
    if (events.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    Tuple columns = EventColumns.of(events, ocsfOwed).asTuple();
    return pool.preparedQuery(INSERT).execute(columns).map(inserted -> {
      Set<UUID> stored = new HashSet<>();
      inserted.forEach(row -> stored.add(row.getUUID(0)));
      return stored;
    });
  }

  @Override
  public Future<List<JsonObject>> owingOcsf(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(OWING_OCSF).execute(Tuple.tuple().addValue(ids.toArray(UUID[]::new))).map(rows -> {
      List<JsonObject> owing = new ArrayList<>();
      rows.forEach(row -> owing.add(row.getJsonObject("payload")));
      return owing;
    });
  }

  @Override
  public Future<Void> ocsfPublished(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(OCSF_PUBLISHED).execute(Tuple.tuple().addValue(ids.toArray(UUID[]::new)))
        .mapEmpty();
  }

  @Override
  public Future<AuditPage> query(AuditQuery query) {
    List<String> conditions = new ArrayList<>();
    Tuple parameters = Tuple.tuple();
    query.org().ifPresent(org -> condition(conditions, parameters, BY_ORG, org));
    query.type().ifPresent(type -> condition(conditions, parameters, BY_TYPE, type));
    query.typePrefix().ifPresent(prefix -> condition(conditions, parameters, BY_TYPE_PREFIX, prefix));
    query.category().ifPresent(category -> condition(conditions, parameters, BY_CATEGORY, category));
    query.from().ifPresent(from -> condition(conditions, parameters, FROM, utc(from)));
    query.to().ifPresent(to -> condition(conditions, parameters, UNTIL, utc(to)));
    query.after().ifPresent(cursor -> {
      conditions.add(AFTER_CURSOR.formatted(parameters.size() + 1, parameters.size() + 2));
      parameters.addValue(utc(cursor.time())).addValue(cursor.id());
    });
    String sql = SELECT_PAGE + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
        + NEWEST_FIRST.formatted(parameters.size() + 1);
    parameters.addValue(query.limit() + 1);
    return pool.preparedQuery(sql).execute(parameters).map(rows -> page(rows, query.limit()));
  }

  private static void condition(List<String> conditions, Tuple parameters, String fragment, Object value) {
    parameters.addValue(value);
    conditions.add(fragment.formatted(parameters.size()));
  }

  /** One row more than the limit was asked for: its presence says that a next page exists. */
  private static AuditPage page(RowSet<Row> rows, int limit) {
    List<JsonObject> items = new ArrayList<>();
    PageCursor last = null;
    boolean more = false;
    for (Row row : rows) {
      if (items.size() == limit) {
        more = true;
        break;
      }
      items.add(row.getJsonObject("payload"));
      last = new PageCursor(row.getOffsetDateTime("time").toInstant(), row.getUUID("id"));
    }
    return new AuditPage(items, more ? Optional.of(last) : Optional.empty());
  }

  @Override
  public Future<Integer> purgeBatch(Instant cutoff, int batchSize) {
    return pool.preparedQuery(PURGE).execute(Tuple.tuple().addValue(utc(cutoff)).addValue(batchSize))
        .map(RowSet::rowCount);
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
