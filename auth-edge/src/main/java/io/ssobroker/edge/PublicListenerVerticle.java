package io.ssobroker.edge;

import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.edge.internal.login.LoginFlow;
import io.ssobroker.edge.internal.login.ReturnTargets;
import io.ssobroker.edge.internal.login.UserGate;
import io.ssobroker.edge.internal.provider.OpenIdProvider;
import io.ssobroker.edge.internal.provider.ProviderEndpoints;
import io.ssobroker.edge.internal.web.Callers;
import io.ssobroker.edge.internal.web.Cookies;
import io.ssobroker.edge.internal.web.LandingPage;
import io.ssobroker.edge.internal.web.PublicRouter;
import io.ssobroker.edge.internal.web.TestApp;
import io.ssobroker.platform.bus.ChangeNotices;
import io.ssobroker.platform.config.BrokerConfig.LoginSettings;
import io.ssobroker.platform.config.EdgeConfig;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.http.ListenerDrain;
import io.ssobroker.platform.registry.RegistryClient;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.service.ServiceContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;

/**
 * One event loop's share of the public port: the login flows, pages and session routes, over the process's
 * {@link SharedEdgeParts}. The edge deploys one per core, all listening on the same port, so that a login waits for
 * whichever loop is free rather than for one thread.
 */
final class PublicListenerVerticle extends VerticleBase {

  private final ServiceContext context;
  private final EdgeConfig config;
  private final SharedEdgeParts shared;
  private final Clock clock;
  private HttpServer server;
  private HttpClient ownClient;

  PublicListenerVerticle(ServiceContext context, EdgeConfig config, SharedEdgeParts shared) {
    this.context = context;
    this.config = config;
    this.shared = shared;
    this.clock = context.clock();
  }

  @Override
  public Future<?> start() {
    LoginSettings login = config.login();
    var bus = context.busRequester(vertx);
    CachedRegistry registry = new CachedRegistry(new RegistryClient(bus), clock);
    ChangeNotices.listen(vertx, RegistryContract.CHANGED, registry::invalidateAll);
    ReturnTargets returnTargets = new ReturnTargets(registry, config.allowedReturnOrigins());
    OpenIdProvider.ListenerParts provider = shared.provider().forListener(registry, shared.activeSessions(),
        new DirectoryClient(bus), shared.audit(), Callers::of);
    LoginFlow flow = new LoginFlow(shared.connectors(), shared.saml(), registry, new UserGate(shared.directory()),
        shared.sessions(), shared.sealer(), shared.audit(), returnTargets, provider.productLogins(),
        login.sessionLifetime(), clock);
    boolean secure = "https".equals(config.publicBaseUrl().getScheme());
    Cookies cookies = new Cookies(secure, login.sessionLifetime());
    ownClient = vertx.createHttpClient();
    TestApp testApp = new TestApp(shared.provider().endpoints(), shared.provider()::jwks, ownClient,
        ownAddress().setURI(ProviderEndpoints.TOKEN_PATH), cookies, secure);
    PublicRouter router = new PublicRouter(new PublicRouter.Logins(flow, shared.sealer(), returnTargets,
            provider.authorizations(), provider.routes(), provider.endSessions()), shared.saml().serviceProviderMetadata(),
        registry, shared.activeSessions(), shared.endings(), cookies, shared.rateLimiter(), bus,
        config.publicBaseUrl(), testApp, LandingPage.of(config));
    server = router.serve(vertx, vertx.createHttpServer());
    return server.listen(config.httpPort(), config.listenHost());
  }

  /** Where this listener is reached from its own host: the loopback when it listens on every address. */
  private RequestOptions ownAddress() {
    String host = config.listenHost();
    boolean everyAddress = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    return new RequestOptions().setHost(everyAddress ? "127.0.0.1" : host).setPort(config.httpPort());
  }

  @Override
  public Future<?> stop() {
    return ListenerDrain.drain(server).eventually(() -> ownClient == null ? Future.succeededFuture()
        : ownClient.close());
  }
}
