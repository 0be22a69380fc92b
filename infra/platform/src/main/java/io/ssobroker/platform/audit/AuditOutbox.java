package io.ssobroker.platform.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.regex.Pattern;

/**
 * Writes audit events to a service's outbox table, in the caller's transaction when given its connection, so that an
 * event is stored exactly when the change it describes is. {@link OutboxRelay} delivers the table to Kafka.
 */
public final class AuditOutbox {

  private static final String INSERT = "insert into %s (id, org, payload) values ($1, $2, $3)";
  private static final Pattern QUALIFIED_TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

  private final String insert;

  /** {@code qualifiedTable} is {@code schema.table} (or a bare table name), lower case, as in the migration. */
  public AuditOutbox(String qualifiedTable) {
    this.insert = INSERT.formatted(requireTableName(qualifiedTable));
  }

  public Future<Void> append(SqlClient sql, AuditEvent event) {
    return sql.preparedQuery(insert).execute(Tuple.of(event.id(), event.key(), event.toJson())).mapEmpty();
  }

  /** Table names are written into SQL text, so only plain identifiers are accepted. */
  static String requireTableName(String qualifiedTable) {
    if (qualifiedTable == null || !QUALIFIED_TABLE.matcher(qualifiedTable).matches()) {
      throw new IllegalArgumentException("not a plain lower-case [schema.]table name: " + qualifiedTable);
    }
    return qualifiedTable;
  }
}
