package io.ssobroker.platform.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes audit events to a service's outbox table, in the caller's transaction when given its connection, so that an
 * event is stored exactly when the change it describes is. {@link OutboxRelay} delivers the table to Kafka.
 */
public final class AuditOutbox {

  private static final String INSERT = "insert into %s (id, org, payload) values ($1, $2, $3)";
  private static final String INSERT_ALL = """
      insert into %s (id, org, payload)
        select id, org, payload::jsonb from unnest($1::uuid[], $2::text[], $3::text[]) as event(id, org, payload)
      """;
  private static final Pattern QUALIFIED_TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

  private final String table;
  private final String insert;
  private final String insertAll;

  /** {@code qualifiedTable} is {@code schema.table} (or a bare table name), lower case, as in the migration. */
  public AuditOutbox(String qualifiedTable) {
    this.table = requireTableName(qualifiedTable);
    this.insert = INSERT.formatted(table);
    this.insertAll = INSERT_ALL.formatted(table);
  }

  public Future<Void> append(SqlClient sql, AuditEvent event) {
    return sql.preparedQuery(insert).execute(Tuple.of(event.id(), event.key(), event.toJson())).mapEmpty();
  }

  /** Stores the events in one statement, in their order: all of them, or none. */
  public Future<Void> appendAll(SqlClient sql, List<AuditEvent> events) {
    UUID[] ids = new UUID[events.size()];
    String[] orgs = new String[events.size()];
    String[] payloads = new String[events.size()];
    for (int i = 0; i < events.size(); i++) {
      AuditEvent event = events.get(i);
      ids[i] = event.id();
      orgs[i] = event.key();
      payloads[i] = event.toJson().encode();
    }
    return sql.preparedQuery(insertAll).execute(Tuple.of(ids, orgs, payloads)).mapEmpty();
  }

  /**
   * Makes a change and stores its event in one statement: {@code with change as (<change>) insert into <outbox> ...}.
   * PostgreSQL runs a statement in its own transaction, so both are stored or neither, in one round trip instead of
   * the four of an explicit transaction. {@code change} is an {@code insert}, {@code update} or {@code delete} whose
   * parameters are {@code $1..$n}, given in {@code changeParameters}; it runs whether or not it returns rows.
   */
  public Future<Void> appendWith(SqlClient sql, String change, Tuple changeParameters, AuditEvent event) {
    int next = changeParameters.size();
    String statement = "with change as (%s) insert into %s (id, org, payload) values ($%d, $%d, $%d)"
        .formatted(change, table, next + 1, next + 2, next + 3);
    return sql.preparedQuery(statement).execute(withEvent(changeParameters, event)).mapEmpty();
  }

  /**
   * Like {@link #appendWith}, for a change that may find nothing to change: {@code change} has a {@code returning}
   * clause, and the event is stored only when it returned a row. Answers whether it did.
   */
  public Future<Boolean> appendIfChanged(SqlClient sql, String change, Tuple changeParameters, AuditEvent event) {
    return appendIfChanged(sql, List.of(), change, changeParameters, event);
  }

  /**
   * Like {@link #appendIfChanged(SqlClient, String, Tuple, AuditEvent)}, with further steps after the change in the
   * same statement: {@code after} are named CTEs ({@code "name as (...)"}) that may read {@code change} (a second
   * insert of what it inserted, say).
   */
  public Future<Boolean> appendIfChanged(SqlClient sql, List<String> after, String change, Tuple changeParameters,
      AuditEvent event) {
    int next = changeParameters.size();
    StringBuilder steps = new StringBuilder("change as (").append(change).append(')');
    after.forEach(step -> steps.append(", ").append(step));
    String statement = ("with %s insert into %s (id, org, payload) select $%d, $%d, $%d "
        + "where exists (select 1 from change)").formatted(steps, table, next + 1, next + 2, next + 3);
    return sql.preparedQuery(statement).execute(withEvent(changeParameters, event)).map(rows -> rows.rowCount() == 1);
  }

  /** The change's parameters, then the event's three. */
  private static Tuple withEvent(Tuple changeParameters, AuditEvent event) {
    Tuple parameters = Tuple.tuple();
    for (int i = 0; i < changeParameters.size(); i++) {
      parameters.addValue(changeParameters.getValue(i));
    }
    return parameters.addValue(event.id()).addValue(event.key()).addValue(event.toJson());
  }

  /** Table names are written into SQL text, so only plain identifiers are accepted. */
  static String requireTableName(String qualifiedTable) {
    if (qualifiedTable == null || !QUALIFIED_TABLE.matcher(qualifiedTable).matches()) {
      throw new IllegalArgumentException("not a plain lower-case [schema.]table name: " + qualifiedTable);
    }
    return qualifiedTable;
  }
}
