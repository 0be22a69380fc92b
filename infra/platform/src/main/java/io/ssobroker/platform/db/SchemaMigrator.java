package io.ssobroker.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;

/**
 * Migrates one service's own schema with Flyway, off the event loop. Scripts live at {@code db/<schema>/} on the
 * classpath of that service; its history table lives inside its schema, so services migrate independently.
 */
public final class SchemaMigrator {

  private SchemaMigrator() {}

  public static Future<Void> migrate(Vertx vertx, DatabaseSettings database, String schema) {
    return vertx.executeBlocking(() -> {
      Flyway.configure(SchemaMigrator.class.getClassLoader())
          .dataSource(database.jdbcUrl(), database.user(), database.password().value())
          .schemas(schema)
          .createSchemas(true)
          .locations("classpath:db/" + schema)
          .connectRetries(3)
          .load()
          .migrate();
      return null;
    }, false);
  }
}
