package io.ssobroker.edge;

import io.ssobroker.edge.login.CachedRegistry;
import io.ssobroker.edge.login.LoginFlow;
import io.ssobroker.edge.login.ReturnTargets;
import io.ssobroker.edge.login.UserGate;
import io.ssobroker.edge.web.Cookies;
import io.ssobroker.edge.web.PublicRouter;
import io.ssobroker.platform.bus.ChangeNotices;
import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.platform.http.ListenerDrain;
import io.ssobroker.platform.registry.RegistryClient;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.service.ServiceContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.time.Clock;

/**
 * One event loop's share of the public port: the login flows, pages and session routes, over the process's
 * {@link SharedEdgeParts}. The edge deploys one per core, all listening on the same port, so that a login waits for
 * whichever loop is free rather than for one thread.
 */
final class PublicListenerVerticle extends VerticleBase {

  private final ServiceContext context;
  private final SharedEdgeParts shared;
  private final Clock clock;
  private HttpServer server;

  PublicListenerVerticle(ServiceContext context, SharedEdgeParts shared) {
    this.context = context;
    this.shared = shared;
    this.clock = context.clock();
  }

  @Override
  public Future<?> start() {
    BrokerConfig config = context.config();
    BrokerConfig.LoginSettings login = config.login();
    var bus = context.busRequester(vertx);
    CachedRegistry registry = new CachedRegistry(new RegistryClient(bus), clock);
    ChangeNotices.listen(vertx, RegistryContract.CHANGED, registry::invalidateAll);
    ReturnTargets returnTargets = new ReturnTargets(registry, config.allowedReturnOrigins());
    LoginFlow logins = new LoginFlow(shared.connectors(), shared.saml(), registry, new UserGate(shared.directory()),
        shared.sessions(), shared.sealer(), shared.audit(), returnTargets, login.sessionLifetime(), clock);
    PublicRouter router = new PublicRouter(logins, shared.saml().serviceProviderMetadata(), registry, returnTargets,
        shared.sessions(), shared.activeSessions(), shared.audit(),
        new Cookies("https".equals(config.publicBaseUrl().getScheme()), login.sessionLifetime()),
        shared.rateLimiter(), bus, config.publicBaseUrl());
    server = router.serve(vertx, vertx.createHttpServer());
    return server.listen(config.httpPort(), config.listenHost());
  }

  @Override
  public Future<?> stop() {
    return ListenerDrain.drain(server);
  }
}
