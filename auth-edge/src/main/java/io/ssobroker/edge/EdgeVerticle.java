package io.ssobroker.edge;

import com.google.crypto.tink.KeysetHandle;
import io.ssobroker.edge.connector.saml.ServiceProvider;
import io.ssobroker.edge.internal.EdgeAuditTrail;
import io.ssobroker.edge.internal.connector.CheckReport;
import io.ssobroker.edge.internal.connector.Connectors;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.connector.entra.EntraConnectorFactory;
import io.ssobroker.edge.internal.connector.generic.GenericOidcConnectorFactory;
import io.ssobroker.edge.internal.connector.google.GoogleConnectorFactory;
import io.ssobroker.edge.internal.connector.oidc.OidcProtocol;
import io.ssobroker.edge.internal.connector.okta.OktaConnectorFactory;
import io.ssobroker.edge.internal.connector.saml.CertificateExpiryReporter;
import io.ssobroker.edge.internal.connector.saml.ConsumedAssertions;
import io.ssobroker.edge.internal.connector.saml.IdpMetadataCache;
import io.ssobroker.edge.internal.connector.saml.RequestSigningKeyFile;
import io.ssobroker.edge.internal.connector.saml.SamlConnectorFactory;
import io.ssobroker.edge.internal.connector.saml.SamlProtocol;
import io.ssobroker.edge.internal.connector.saml.SamlResponseValidator;
import io.ssobroker.edge.internal.connector.saml.SamlWorkQueue;
import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.edge.internal.provider.OpenIdProvider;
import io.ssobroker.edge.internal.session.ActiveSessions;
import io.ssobroker.edge.internal.session.OrgSessionEnds;
import io.ssobroker.edge.internal.session.RecentDirectory;
import io.ssobroker.edge.internal.session.SessionAdminEndpoints;
import io.ssobroker.edge.internal.session.SessionEndings;
import io.ssobroker.edge.internal.session.SessionStore;
import io.ssobroker.edge.internal.state.StateKeyStore;
import io.ssobroker.edge.internal.state.StateSealer;
import io.ssobroker.edge.internal.web.LoginRateLimiter;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.audit.AuditProducer;
import io.ssobroker.platform.audit.AuditSpool;
import io.ssobroker.platform.audit.DeliveryGauges;
import io.ssobroker.platform.audit.OutboxRelay;
import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.ChangeNotices;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.config.EdgeConfig;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.crypto.SecretSealer;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.RegistryClient;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.service.PingResponder;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public edge of this process: migrates its schema, owns what every public listener shares ({@link
 * SharedEdgeParts}, housekeeping), serves the admin API's connector checks, and deploys one {@link
 * PublicListenerVerticle} per core on the public port.
 */
final class EdgeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeVerticle.class);
  private static final int POOL_SIZE = 16;
  private static final int PIPELINED_CONNECTIONS = 4;
  private static final String OUTBOX = "edge.audit_outbox";
  private static final String SPOOL = "audit-spool/auth-edge";
  private static final Duration STATE_KEY_ROTATION = Duration.ofDays(1);
  private static final Duration HOUSEKEEPING_PERIOD = Duration.ofMinutes(1);
  private static final Duration AUDIT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_LISTENERS = 4;
  private static final int MAX_SAML_THREADS = 4;
  private static final String SIGNING_KEYS_CHANGED = "sso.edge.signingKeysChanged.v1";

  private final ServiceContext context;
  private final EdgeConfig config;
  private final Clock clock;
  private Pool pool;
  private SqlClient requests;
  private AuditProducer producer;
  private OutboxRelay relay;
  private AuditSpool spool;
  private DeliveryGauges gauges;
  private IdpHttp idpHttp;
  private SamlWorkQueue samlQueue;
  private OpenIdProvider provider;

  EdgeVerticle(ServiceContext context, EdgeConfig config) {
    this.context = context;
    this.config = config;
    this.clock = context.clock();
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, context.database(), "edge", POOL_SIZE);
    requests = PgPools.pipelined(vertx, context.database(), "edge-requests", PIPELINED_CONNECTIONS);
    StateKeyStore keyStore = new StateKeyStore(pool, STATE_KEY_ROTATION);
    return SchemaMigrator.migrate(vertx, context.database(), "edge")
        .compose(migrated -> vertx.executeBlocking(() -> SecretSealer.fromConfiguration(config.secretsKeys(),
            config.dataDir()), false))
        .compose(secrets -> keyStore.current().compose(keyset -> startServing(keyStore, keyset, secrets)))
        .compose(listening -> PingResponder.register(vertx, ServiceName.AUTH_EDGE));
  }

  private Future<?> startServing(StateKeyStore keyStore, KeysetHandle keyset, SecretSealer secrets) {
    StateSealer sealer = new StateSealer(keyset, config.login().stateLifetime(), clock);
    producer = new AuditProducer(vertx, context.kafkaBootstrapServers(), AUDIT_DELIVERY_TIMEOUT);
    relay = new OutboxRelay(vertx, pool, OUTBOX, producer, config.auditTopic());
    spool = new AuditSpool(vertx, config.dataDir().resolve(SPOOL), producer, config.auditTopic());
    EdgeAuditTrail audit = new EdgeAuditTrail(requests, new AuditOutbox(OUTBOX), relay, spool, producer,
        config.auditTopic());
    SessionStore sessions = new SessionStore(requests, pool, audit.outbox());
    gauges = new DeliveryGauges(vertx, context.meters()).outbox(pool, OUTBOX).spool("auth-edge", spool);
    ConsumedAssertions consumedAssertions = new ConsumedAssertions(pool);
    samlQueue = samlWorkQueue(config);
    idpHttp = new IdpHttp(vertx, config.login().idpTimeout(), clock);
    RecentDirectory directory = new RecentDirectory(new DirectoryClient(context.busRequester(vertx)), clock);
    ChangeNotices.listen(vertx, DirectoryContract.USER_CHANGED, directory::forgetAll);
    SessionEndings endings = new SessionEndings(pool, audit, clock);
    ActiveSessions activeSessions = new ActiveSessions(sessions, directory, endings);
    endSessionsOfChangedUsers(activeSessions);
    RegistryClient registry = new RegistryClient(context.busRequester(vertx));
    endSessionsOfOrgsWithoutSso(new OrgSessionEnds(sessions, registry, endings));
    SamlConnectorFactory saml = new SamlConnectorFactory(samlProtocol(consumedAssertions));
    OidcProtocol oidc = OidcProtocol.over(idpHttp, config.publicBaseUrl(), config.login().clockSkew(), clock);
    IdpAuthorities authorities = config.login().authorities();
    Connectors connectors = new Connectors(List.of(new GenericOidcConnectorFactory(oidc),
        new EntraConnectorFactory(oidc, authorities), new GoogleConnectorFactory(oidc, authorities),
        new OktaConnectorFactory(oidc, authorities), saml));
    serveConnectorChecks(connectors);
    return OpenIdProvider.start(vertx, pool, requests, secrets, audit, endings, registry, idpHttp,
            config.publicBaseUrl(), clock)
        .compose(provider -> {
          this.provider = provider;
          serveSigningKeyRotation(provider, audit);
          new SessionAdminEndpoints(vertx, sessions, new DirectoryClient(context.busRequester(vertx)), endings).serve();
          scheduleHousekeeping(keyStore, sealer, sessions, consumedAssertions, provider);
          SharedEdgeParts shared = new SharedEdgeParts(sealer, audit, sessions, directory, activeSessions, endings,
              connectors, saml, new LoginRateLimiter(config.login().rateLimitPerMinute(), clock), provider);
          return spool.start().compose(spooling -> relay.start())
              .compose(relaying -> vertx.deployVerticle(() -> new PublicListenerVerticle(context, config, shared),
                  new DeploymentOptions().setInstances(listeners())));
        });
  }

  /** The listeners, stopped first as children of this deployment, are gone by the time this runs. */
  @Override
  public Future<?> stop() {
    if (gauges != null) {
      gauges.close();
    }
    if (provider != null) {
      provider.stop();
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
        .eventually(() -> requests == null ? Future.succeededFuture() : requests.close())
        .eventually(() -> pool.close());
  }

  /** The public port's event loops: one per core, up to four. */
  private static int listeners() {
    return coresUpTo(MAX_LISTENERS);
  }

  /** A thread per core (up to four) parses and checks SAML responses; beyond its capacity the ACS answers 503. */
  private static SamlWorkQueue samlWorkQueue(EdgeConfig config) {
    return new SamlWorkQueue(coresUpTo(MAX_SAML_THREADS), config.login().samlQueueCapacity());
  }

  private static int coresUpTo(int max) {
    return Math.max(1, Math.min(max, Runtime.getRuntime().availableProcessors()));
  }

  /** Once per process: a directory notice ends the user's sessions with one delete, whichever listener served them. */
  private void endSessionsOfChangedUsers(ActiveSessions activeSessions) {
    vertx.eventBus().<JsonObject>consumer(DirectoryContract.USER_CHANGED, notice -> {
      try {
        activeSessions.userChanged(UUID.fromString(notice.body().getString("userId")))
            .onFailure(failure -> LOG.warn("cannot end the sessions of a changed user: {}", failure.getMessage()));
      } catch (IllegalArgumentException | NullPointerException | ClassCastException malformed) {
        LOG.warn("ignored a malformed {} notice", DirectoryContract.USER_CHANGED);
      }
    });
  }

  /** Once per process: a registry change may have taken an org's last connector, and with it its users' sessions. */
  private void endSessionsOfOrgsWithoutSso(OrgSessionEnds orgEnds) {
    vertx.eventBus().<JsonObject>consumer(RegistryContract.CHANGED, notice -> {
      Object org = notice.body() == null ? null : notice.body().getValue("org");
      if (org instanceof String slug) {
        orgEnds.orgChanged(slug)
            .onFailure(failure -> LOG.warn("cannot check the sessions of org {}: {}", slug, failure.getMessage()));
      }
    });
  }

  /** The SP side of SAML; parsing and signature checks run on the process's SAML work queue. */
  private SamlProtocol samlProtocol(ConsumedAssertions consumedAssertions) {
    Duration skew = config.login().clockSkew();
    return new SamlProtocol(ServiceProvider.of(config.publicBaseUrl()),
        new IdpMetadataCache(idpHttp, samlQueue, clock, IdpMetadataCache.DEFAULT_REFRESH), samlQueue,
        new SamlResponseValidator(clock, skew), consumedAssertions, skew,
        config.login().samlRequestSigningKey().map(RequestSigningKeyFile::read),
        new CertificateExpiryReporter(context.busRequester(vertx)), idpHttp, clock);
  }

  /** The admin API's connector preflight runs here, where the IdP clients are. */
  private void serveConnectorChecks(Connectors connectors) {
    RegistryClient registry = new RegistryClient(context.busRequester(vertx));
    BusEndpoint.serve(vertx, AdminContract.CHECK_CONNECTOR, json -> {
      AdminRequest request = AdminRequest.fromJson(AdminContract.CHECK_CONNECTOR, json);
      String org = request.param("org");
      UUID id;
      try {
        id = UUID.fromString(request.param("id"));
      } catch (IllegalArgumentException | NullPointerException notAnId) {
        return Future.failedFuture(ServiceException.notFound("id", "no such connector"));
      }
      return registry.connectorById(id).compose(found -> found
          .filter(connector -> connector.org().equals(org) && request.actor().mayAccess(org))
          .map(connector -> check(connectors, connector))
          .orElseGet(() -> Future.failedFuture(ServiceException.notFound("id", "no such connector"))));
    });
  }

  /** A connector whose description no longer validates cannot be opened: its report says why. */
  private static Future<JsonObject> check(Connectors connectors, ConnectorDescriptor descriptor) {
    try {
      return connectors.open(descriptor).check();
    } catch (LoginFailure invalid) {
      return Future.succeededFuture(new CheckReport(descriptor).check("configuration", false,
          String.valueOf(invalid.getCause() == null ? invalid.getMessage() : invalid.getCause().getMessage())).toJson());
    }
  }

  /**
   * The admin API's key rotation runs on one edge; the others hear of it and reload the keys (and reload them each
   * minute anyway, in case a notice was lost).
   */
  private void serveSigningKeyRotation(OpenIdProvider provider, EdgeAuditTrail audit) {
    ChangeNotices.listen(vertx, SIGNING_KEYS_CHANGED, () -> provider.reloadKeys()
        .onFailure(failure -> LOG.warn("cannot reload the signing keys: {}", failure.getMessage())));
    BusEndpoint.serve(vertx, AdminContract.ROTATE_SIGNING_KEYS, json -> {
      AdminRequest request = AdminRequest.fromJson(AdminContract.ROTATE_SIGNING_KEYS, json);
      if (!request.actor().isPlatform()) {
        return Future.failedFuture(ServiceException.forbidden("only a platform admin rotates the signing keys"));
      }
      return provider.rotateKeys().compose(published -> audit.record(AdminChangeEvents.change(
              "admin.signing_keys.rotated", request.actor(), null, "signing keys", null, published))
          .map(recorded -> {
            ChangeNotices.announce(vertx, SIGNING_KEYS_CHANGED, new JsonObject());
            return published;
          }));
    });
  }

  private void scheduleHousekeeping(StateKeyStore keyStore, StateSealer sealer, SessionStore sessions,
      ConsumedAssertions consumedAssertions, OpenIdProvider provider) {
    vertx.setPeriodic(HOUSEKEEPING_PERIOD.toMillis(), tick -> {
      provider.reloadKeys()
          .onFailure(failure -> LOG.warn("cannot reload the signing keys: {}", failure.getMessage()));
      provider.purgeExpired()
          .onFailure(failure -> LOG.warn("cannot purge expired codes and tokens: {}", failure.getMessage()));
      keyStore.current().onSuccess(sealer::use)
          .onFailure(failure -> LOG.warn("cannot refresh the state keyset: {}", failure.getMessage()));
      sessions.purgeExpired()
          .onFailure(failure -> LOG.warn("cannot purge expired sessions: {}", failure.getMessage()));
      consumedAssertions.purgeExpired()
          .onFailure(failure -> LOG.warn("cannot purge expired SAML assertion ids: {}", failure.getMessage()));
    });
  }
}
