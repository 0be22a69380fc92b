package io.ssobroker.app;

import io.ssobroker.app.console.ConsoleRoutes;
import io.ssobroker.app.console.ConsoleTemplates;
import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.http.CorrelationIdHandler;
import io.ssobroker.platform.http.ListenerDrain;
import io.ssobroker.platform.http.PortGuard;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The admin port: health probes and Prometheus metrics. Never served on the public port. */
final class AdminVerticle extends VerticleBase {

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
  /** How often readiness is checked in the background, so that the log says when peers go missing or come back. */
  private static final Duration PEER_WATCH = Duration.ofSeconds(5);

  private final ServiceContext context;
  private final BrokerConfig config;
  private final String metricsRegistryName;
  private Pool healthPool;
  private Admin kafkaAdmin;
  private HttpServer server;

  AdminVerticle(ServiceContext context, BrokerConfig config, String metricsRegistryName) {
    this.context = context;
    this.config = config;
    this.metricsRegistryName = metricsRegistryName;
  }

  @Override
  public Future<?> start() {
    healthPool = PgPools.create(vertx, context.database(), "health", 1);
    return vertx.executeBlocking(() -> Admin.create(Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, context.kafkaBootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis())), false)
        .compose(admin -> {
          kafkaAdmin = admin;
          ReadinessChecks readiness = new ReadinessChecks(vertx, healthPool, admin,
              config.services(), requiredServices(), CHECK_TIMEOUT);
          readiness.run();
          vertx.setPeriodic(PEER_WATCH.toMillis(), tick -> readiness.run());
          return router(readiness);
        })
        .compose(router -> {
          server = PortGuard.mount(vertx.createHttpServer(), router, AdminVerticle::refuseEarly);
          return server.listen(config.adminPort(), config.listenHost());
        });
  }

  @Override
  public Future<?> stop() {
    return ListenerDrain.drain(server).eventually(() -> {
      Future<Void> closingAdmin = kafkaAdmin == null ? Future.succeededFuture()
          : vertx.executeBlocking(() -> {
            kafkaAdmin.close(Duration.ofSeconds(5));
            return null;
          }, false);
      return Future.join(closingAdmin, healthPool.close());
    });
  }

  /** The services of this process, and those the edge cannot log anyone in without. */
  private Set<ServiceName> requiredServices() {
    Set<ServiceName> required = EnumSet.copyOf(config.services());
    if (required.contains(ServiceName.AUTH_EDGE)) {
      required.add(ServiceName.CONNECTOR_REGISTRY);
      required.add(ServiceName.USER_DIRECTORY);
    }
    return required;
  }

  private Future<Router> router(ReadinessChecks readiness) {
    Router router = Router.router(vertx);
    router.route().handler(new CorrelationIdHandler());
    router.get("/health/live").handler(routing -> json(routing, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(routing -> readiness.run().onComplete(result -> {
      JsonObject body = result.succeeded() ? result.result()
          : new JsonObject().put("status", "DOWN").put("error", String.valueOf(result.cause()));
      json(routing, "UP".equals(body.getString("status")) ? 200 : 503, body);
    }));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metricsRegistryName));
    ConsoleTemplates templates = new ConsoleTemplates();
    boolean demo = config.demo().isPresent();
    String landing = templates.render("adminLanding.jte", Map.of("demo", demo));
    router.get("/").handler(routing -> routing.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'")
        .putHeader("X-Frame-Options", "DENY").end(landing));
    new ConsoleRoutes(context.busRequester(vertx), templates, context.clock(), config.publicBaseUrl(),
        config.consoleUrl(), demo)
        .mount(vertx, router);
    return new AdminGateway(context.busRequester(vertx), context.clock()).mount(vertx, router).map(mounted -> {
      router.route().handler(routing -> problem(routing, 404, "Not Found", "no such admin resource"));
      router.route().failureHandler(AdminGateway::failed);
      return router;
    });
  }

  private static void refuseEarly(HttpServerRequest request, int status, String message) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("type", "about:blank")
            .put("title", io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase())
            .put("status", status).put("detail", message).encode());
  }

  private static void json(RoutingContext routing, int status, JsonObject body) {
    routing.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  private static void problem(RoutingContext routing, int status, String title, String detail) {
    routing.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
            .put("detail", detail).encode());
  }
}
