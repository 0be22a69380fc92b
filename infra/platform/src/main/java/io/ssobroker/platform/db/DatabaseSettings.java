package io.ssobroker.platform.db;

import io.ssobroker.platform.Secret;
import io.vertx.pgclient.PgConnectOptions;

/** Where PostgreSQL is, for the reactive client (requests) and for JDBC (Flyway migrations only). */
public record DatabaseSettings(String host, int port, String database, String user, Secret password) {

  public static DatabaseSettings fromUrl(Secret url) {
    PgConnectOptions options = PgConnectOptions.fromUri(url.value());
    return new DatabaseSettings(options.getHost(), options.getPort(), options.getDatabase(), options.getUser(),
        new Secret(options.getPassword() == null ? "" : options.getPassword()));
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password.value())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(16);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }
}
