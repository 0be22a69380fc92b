package io.ssobroker.edge;

import io.ssobroker.edge.login.CachedRegistry;
import io.ssobroker.edge.login.LoginFlow;
import io.ssobroker.edge.login.ReturnTargets;
import io.ssobroker.edge.login.SamlLoginFlow;
import io.ssobroker.edge.oidc.ConnectorCheck;
import io.ssobroker.edge.oidc.IdTokenVerifier;
import io.ssobroker.edge.oidc.IdpHttp;
import io.ssobroker.edge.oidc.OidcProviders;
import io.ssobroker.edge.oidc.TokenExchange;
import io.ssobroker.edge.saml.CertificateExpiryReporter;
import io.ssobroker.edge.saml.ConsumedAssertions;
import io.ssobroker.edge.saml.IdpMetadataCache;
import io.ssobroker.edge.saml.RequestSigningKeyFile;
import io.ssobroker.edge.saml.SamlConnectorCheck;
import io.ssobroker.edge.saml.SamlResponseValidator;
import io.ssobroker.edge.saml.SamlWorkQueue;
import io.ssobroker.edge.saml.ServiceProvider;
import io.ssobroker.edge.session.ActiveSessions;
import io.ssobroker.edge.session.SessionStore;
import io.ssobroker.edge.state.StateKeyStore;
import io.ssobroker.edge.state.StateSealer;
import io.ssobroker.edge.web.Cookies;
import io.ssobroker.edge.web.LoginRateLimiter;
import io.ssobroker.edge.web.PublicRouter;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.audit.AuditProducer;
import io.ssobroker.platform.audit.AuditSpool;
import io.ssobroker.platform.audit.DeliveryGauges;
import io.ssobroker.platform.audit.OutboxRelay;
import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.registry.RegistryClient;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.service.PingResponder;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The public edge: wires the login flow to its stores and clients, and serves the public port. */
final class EdgeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeVerticle.class);
  private static final int POOL_SIZE = 16;
  private static final String OUTBOX = "edge.audit_outbox";
  private static final String SPOOL = "audit-spool/auth-edge";
  private static final Duration STATE_KEY_ROTATION = Duration.ofDays(1);
  private static final Duration HOUSEKEEPING_PERIOD = Duration.ofMinutes(1);
  private static final Duration AUDIT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  private final ServiceContext context;
  private final Clock clock = Clock.systemUTC();
  private Pool pool;
  private AuditProducer producer;
  private OutboxRelay relay;
  private AuditSpool spool;
  private DeliveryGauges gauges;
  private IdpHttp idpHttp;
  private SamlWorkQueue samlQueue;

  EdgeVerticle(ServiceContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    BrokerConfig config = context.config();
    pool = PgPools.create(vertx, context.database(), "edge", POOL_SIZE);
    StateKeyStore keyStore = new StateKeyStore(pool, STATE_KEY_ROTATION);
    return SchemaMigrator.migrate(vertx, context.database(), "edge")
        .compose(migrated -> keyStore.current())
        .compose(keyset -> {
          StateSealer sealer = new StateSealer(keyset, config.login().stateLifetime(), clock);
          producer = new AuditProducer(vertx, context.kafkaBootstrapServers(), AUDIT_DELIVERY_TIMEOUT);
          relay = new OutboxRelay(vertx, pool, OUTBOX, producer, config.auditTopic());
          spool = new AuditSpool(vertx, config.dataDir().resolve(SPOOL), producer, config.auditTopic());
          EdgeAuditTrail audit = new EdgeAuditTrail(pool, new AuditOutbox(OUTBOX), relay, spool, producer,
              config.auditTopic());
          SessionStore sessions = new SessionStore(pool, audit.outbox());
          gauges = new DeliveryGauges(vertx, context.meters()).outbox(pool, OUTBOX).spool("auth-edge", spool);
          ConsumedAssertions consumedAssertions = new ConsumedAssertions(pool);
          scheduleHousekeeping(keyStore, sealer, sessions, consumedAssertions);
          return spool.start().compose(spooling -> relay.start())
              .compose(relaying -> listen(config, sealer, audit, sessions, consumedAssertions));
        })
        .compose(listening -> PingResponder.register(vertx, ServiceName.AUTH_EDGE));
  }

  @Override
  public Future<?> stop() {
    if (gauges != null) {
      gauges.close();
    }
    Future<Void> relayStopped = relay == null ? Future.succeededFuture() : relay.stop();
    return relayStopped
        .eventually(() -> spool == null ? Future.succeededFuture() : spool.stop())
        .eventually(() -> producer == null ? Future.succeededFuture() : producer.close())
        .eventually(() -> idpHttp == null ? Future.succeededFuture() : idpHttp.close())
        .eventually(() -> {
          if (samlQueue != null) {
            samlQueue.close();
          }
          return Future.succeededFuture();
        })
        .eventually(() -> pool.close());
  }

  private Future<HttpServer> listen(BrokerConfig config, StateSealer sealer, EdgeAuditTrail audit,
      SessionStore sessions, ConsumedAssertions consumedAssertions) {
    BrokerConfig.LoginSettings login = config.login();
    idpHttp = new IdpHttp(vertx, login.idpTimeout());
    OidcProviders providers = new OidcProviders(idpHttp, login.authorities(), clock);
    var bus = context.busRequester(vertx);
    RegistryClient registryClient = new RegistryClient(bus);
    CachedRegistry registry = new CachedRegistry(registryClient, clock);
    vertx.eventBus().consumer(RegistryContract.CHANGED, changed -> registry.invalidateAll());
    ReturnTargets returnTargets = new ReturnTargets(registry, config.allowedReturnOrigins());
    LoginFlow logins = new LoginFlow(registry, providers, new TokenExchange(idpHttp),
        new IdTokenVerifier(providers, clock, login.clockSkew()), new DirectoryClient(bus), sessions, sealer, audit,
        config.publicBaseUrl(), login.sessionLifetime(), clock);
    SamlLoginFlow.Saml saml = saml(config, consumedAssertions);
    serveConnectorChecks(registryClient, new ConnectorCheck(idpHttp, providers, login.authorities(),
        logins.redirectUri(), clock, new SamlConnectorCheck(idpHttp, samlQueue, saml.serviceProvider(), clock,
            saml.requestSigningKey().isPresent())));
    Cookies cookies = new Cookies("https".equals(config.publicBaseUrl().getScheme()), login.sessionLifetime());
    ActiveSessions activeSessions = new ActiveSessions(sessions, new DirectoryClient(bus));
    endSessionsOfChangedUsers(activeSessions);
    SamlLoginFlow samlLogins = logins.saml(saml);
    PublicRouter router = new PublicRouter(logins, samlLogins, registry, returnTargets, sessions, activeSessions, audit, cookies,
        new LoginRateLimiter(login.rateLimitPerMinute(), clock), bus, config.publicBaseUrl());
    return vertx.createHttpServer(PublicRouter.serverOptions())
        .requestHandler(router.router(vertx))
        .listen(config.httpPort(), config.listenHost());
  }

  /**
   * The SP side of SAML. AuthnRequests are signed when {@code saml.requestSigningKey} names a key file; the queue has
   * a thread per core (up to 4) and room for a burst of posts, beyond which the ACS answers 503.
   */
  private SamlLoginFlow.Saml saml(BrokerConfig config, ConsumedAssertions consumedAssertions) {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    samlQueue = new SamlWorkQueue(threads, config.login().samlQueueCapacity());
    Duration skew = config.login().clockSkew();
    return new SamlLoginFlow.Saml(ServiceProvider.of(config.publicBaseUrl()),
        new IdpMetadataCache(idpHttp, samlQueue, clock, IdpMetadataCache.DEFAULT_REFRESH), samlQueue,
        new SamlResponseValidator(clock, skew), consumedAssertions, skew,
        config.login().samlRequestSigningKey().map(RequestSigningKeyFile::read),
        new CertificateExpiryReporter(context.busRequester(vertx)));
  }

  private void endSessionsOfChangedUsers(ActiveSessions activeSessions) {
    vertx.eventBus().<JsonObject>consumer(DirectoryContract.USER_CHANGED, notice -> {
      try {
        activeSessions.endAllOf(UUID.fromString(notice.body().getString("userId")))
            .onFailure(failure -> LOG.warn("cannot end the sessions of a changed user: {}", failure.getMessage()));
      } catch (IllegalArgumentException | NullPointerException | ClassCastException malformed) {
        LOG.warn("ignored a malformed {} notice", DirectoryContract.USER_CHANGED);
      }
    });
  }

  /** The admin API's connector preflight runs here, where the IdP clients are. */
  private void serveConnectorChecks(RegistryClient registry, ConnectorCheck check) {
    BusEndpoint.serve(vertx, AdminContract.CHECK_CONNECTOR, json -> {
      AdminRequest request = AdminRequest.fromJson(json);
      String org = request.param("org");
      java.util.UUID id;
      try {
        id = java.util.UUID.fromString(request.param("id"));
      } catch (IllegalArgumentException | NullPointerException notAnId) {
        return Future.failedFuture(ServiceException.notFound("id: no such connector"));
      }
      return registry.connectorById(id).compose(found -> found
          .filter(connector -> connector.org().equals(org) && request.actor().mayAccess(org))
          .map(check::run)
          .orElseGet(() -> Future.failedFuture(ServiceException.notFound("id: no such connector"))));
    });
  }

  private void scheduleHousekeeping(StateKeyStore keyStore, StateSealer sealer, SessionStore sessions,
      ConsumedAssertions consumedAssertions) {
    vertx.setPeriodic(HOUSEKEEPING_PERIOD.toMillis(), tick -> {
      keyStore.current().onSuccess(sealer::use)
          .onFailure(failure -> LOG.warn("cannot refresh the state keyset: {}", failure.getMessage()));
      sessions.purgeExpired()
          .onFailure(failure -> LOG.warn("cannot purge expired sessions: {}", failure.getMessage()));
      consumedAssertions.purgeExpired()
          .onFailure(failure -> LOG.warn("cannot purge expired SAML assertion ids: {}", failure.getMessage()));
    });
  }
}
