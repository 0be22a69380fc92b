package io.ssobroker.platform.db;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.ClientBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.TimeUnit;

/** Connection pools over vertx-pg-client. Each service owns its pool and closes it when it stops. */
public final class PgPools {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int WAIT_QUEUE_SIZE = 1_000;

  private PgPools() {}

  public static Pool create(Vertx vertx, DatabaseSettings database, String name, int maxSize) {
    return configured(PgBuilder.pool(), vertx, database, name, maxSize);
  }

  /**
   * A client for single statements that pipelines them: each connection carries several statements at once, so that
   * under load a PostgreSQL backend answers a run of them per wake-up. No transactions: a statement may share its
   * connection with others at any moment.
   */
  public static SqlClient pipelined(Vertx vertx, DatabaseSettings database, String name, int maxSize) {
    return configured(PgBuilder.client(), vertx, database, name, maxSize);
  }

  private static <C> C configured(ClientBuilder<C> builder, Vertx vertx, DatabaseSettings database, String name,
      int maxSize) {
    return builder.with(options(name, maxSize))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS))
        .connectingTo(database.connectOptions())
        .using(vertx)
        .build();
  }

  private static PoolOptions options(String name, int maxSize) {
    return new PoolOptions()
        .setName(name)
        .setMaxSize(maxSize)
        .setMaxWaitQueueSize(WAIT_QUEUE_SIZE)
        .setConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
  }
}
