package io.ssobroker.edge;

import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.http.CorrelationIdHandler;
import io.ssobroker.platform.service.PingResponder;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/** The public edge: migrates its schema and serves the public port. */
final class EdgeVerticle extends VerticleBase {

  private final ServiceContext context;

  EdgeVerticle(ServiceContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    return SchemaMigrator.migrate(vertx, context.database(), "edge")
        .compose(migrated -> listen())
        .compose(listening -> PingResponder.register(vertx, ServiceName.AUTH_EDGE));
  }

  private Future<HttpServer> listen() {
    Router router = Router.router(vertx);
    router.route().handler(new CorrelationIdHandler());
    router.route().handler(routing -> routing.response()
        .setStatusCode(404)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("Not found\n"));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(context.config().httpPort(), context.config().listenHost());
  }
}
