package io.ssobroker.platform.db;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/** Connection pools over vertx-pg-client. Each service owns its pool and closes it when it stops. */
public final class PgPools {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int WAIT_QUEUE_SIZE = 1_000;

  private PgPools() {}

  public static Pool create(Vertx vertx, DatabaseSettings database, String name, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions()
            .setName(name)
            .setMaxSize(maxSize)
            .setMaxWaitQueueSize(WAIT_QUEUE_SIZE)
            .setConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS))
        .connectingTo(database.connectOptions())
        .using(vertx)
        .build();
  }
}
