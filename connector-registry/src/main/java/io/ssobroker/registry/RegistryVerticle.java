package io.ssobroker.registry;

import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.audit.AuditProducer;
import io.ssobroker.platform.audit.DeliveryGauges;
import io.ssobroker.platform.audit.OutboxRelay;
import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.crypto.SealedKeysCheck;
import io.ssobroker.platform.crypto.SecretSealer;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.db.SchemaMigrator;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.ssobroker.platform.registry.ConnectorByIdRequest;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorForDomainRequest;
import io.ssobroker.platform.registry.OrgRequest;
import io.ssobroker.platform.registry.OrgSummary;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.service.PingResponder;
import io.ssobroker.platform.config.RegistryConfig;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.service.ServiceName;
import io.ssobroker.registry.admin.FirstStartBanner;
import io.ssobroker.registry.admin.RegistryAdminEndpoints;
import io.ssobroker.registry.clients.ClientRepository;
import io.ssobroker.registry.clients.ClientService;
import io.ssobroker.registry.clients.ClientsFile;
import io.ssobroker.registry.clients.FileClientSync;
import io.ssobroker.registry.clients.PgClientRepository;
import io.ssobroker.registry.connectors.ConnectorActivationService;
import io.ssobroker.registry.connectors.ConnectorService;
import io.ssobroker.registry.connectors.ExpiryService;
import io.ssobroker.registry.domains.DomainRepository;
import io.ssobroker.registry.domains.DomainService;
import io.ssobroker.registry.domains.PgDomainRepository;
import io.ssobroker.registry.orgs.Org;
import io.ssobroker.registry.orgs.OrgRepository;
import io.ssobroker.registry.orgs.OrgService;
import io.ssobroker.registry.orgs.OrgUsers;
import io.ssobroker.registry.orgs.PgOrgRepository;
import io.ssobroker.registry.setup.PgSetupLinkRepository;
import io.ssobroker.registry.setup.SetupLinkService;
import io.ssobroker.registry.tokens.AdminTokenService;
import io.ssobroker.registry.tokens.PgAdminTokenRepository;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector registry: migrates its schema, loads the connectors file into it, then answers org and connector
 * look-ups over the event bus.
 */
final class RegistryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryVerticle.class);
  private static final int POOL_SIZE = 8;

  private static final String OUTBOX = "registry.audit_outbox";
  private static final java.time.Duration ACTIVATION_CHECK = java.time.Duration.ofMillis(500);
  private static final java.time.Duration AUDIT_DELIVERY_TIMEOUT = java.time.Duration.ofSeconds(30);

  /** What runs on timers once the registry serves. */
  private record Schedules(ConnectorActivationService activation, ExpiryService expiry,
      ConnectorRepository connectors) {}

  private final ServiceContext context;
  private final RegistryConfig config;
  private final List<Long> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Pool pool;
  private AuditProducer producer;
  private OutboxRelay relay;
  private DeliveryGauges gauges;

  RegistryVerticle(ServiceContext context, RegistryConfig config) {
    this.context = context;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, context.database(), "registry", POOL_SIZE);
    producer = new AuditProducer(vertx, context.kafkaBootstrapServers(), AUDIT_DELIVERY_TIMEOUT);
    relay = new OutboxRelay(vertx, pool, OUTBOX, producer, config.auditTopic());
    gauges = new DeliveryGauges(vertx, context.meters()).outbox(pool, OUTBOX);
    AuditOutbox outbox = new AuditOutbox(OUTBOX);
    AdminTokenService tokens = new AdminTokenService(pool, new PgAdminTokenRepository(pool), outbox,
        config.adminToken());
    ClientRepository clientRows = new PgClientRepository();
    ClientService clients = new ClientService(pool, clientRows, outbox, config.consoleUrl());
    OrgRepository orgs = new PgOrgRepository(pool);
    DomainRepository domains = new PgDomainRepository(pool);
    return SchemaMigrator.migrate(vertx, context.database(), "registry")
        .compose(migrated -> vertx.executeBlocking(() -> SecretSealer.fromConfiguration(
            config.secretsKeys(), config.dataDir()), false))
        .compose(sealer -> {
          PgConnectorRepository connectors = new PgConnectorRepository(pool, sealer);
          ConnectorActivationService activation = new ConnectorActivationService(pool, connectors, outbox);
          ExpiryService expiry = new ExpiryService(pool, connectors, outbox, context.clock());
          // one connector secret per sealing key is opened now: different keys fail the start, not the first login
          return connectors.secretPerSealingKey()
              .map(samples -> SealedKeysCheck.verify(sealer, samples, "connector secrets"))
              .compose(checked -> loadConnectorsFile(new FileConnectorSync(pool, connectors, orgs, domains, outbox)))
              .compose(secrets -> loadClientsFile(clientRows, outbox).map(secrets))
              .compose(secrets -> serveLookups(connectors, orgs, secrets, clients))
              .compose(serving -> new RegistryAdminEndpoints(vertx, tokens, new OrgService(pool, orgs, connectors,
                  new OrgUsers(context.busRequester(vertx)), outbox),
                  new ConnectorService(pool, connectors, orgs, domains, outbox, sealer), activation,
                  new DomainService(pool, domains, orgs, outbox, dnsClient()), expiry, clients,
                  new SetupLinkService(pool, new PgSetupLinkRepository(pool), outbox, context.clock()), relay)
                  .serve())
              .map(done -> new Schedules(activation, expiry, connectors));
        })
        .compose(schedules -> tokens.createPlatformTokenOnFirstStart()
            .compose(generated -> {
              generated.ifPresent(token -> FirstStartBanner.show(token, System.out));
              return relay.start();
            })
            .compose(relaying -> StoredConnectorsCheck.invalid(schedules.connectors()))
            .compose(invalid -> {
              invalid.forEach(connector -> LOG.warn("connector {} of org {} no longer passes validation ({}); its "
                  + "logins are refused until an admin updates it", connector.id(), connector.org(),
                  connector.problem()));
              scheduleActivations(schedules.activation());
              scheduleExpiryRadar(schedules.expiry());
              return PingResponder.register(vertx, ServiceName.CONNECTOR_REGISTRY);
            }));
  }

  /** The resolver of {@code dns.resolver}, else the first nameserver of /etc/resolv.conf. */
  private io.vertx.core.dns.DnsClient dnsClient() {
    java.net.InetSocketAddress resolver = config.dnsResolver().orElseGet(RegistryVerticle::systemResolver);
    return vertx.createDnsClient(new io.vertx.core.dns.DnsClientOptions()
        .setHost(resolver.getHostString()).setPort(resolver.getPort()).setQueryTimeout(dnsTimeout().toMillis())
        .setRecursionDesired(true));
  }

  /** Short enough that a DNS failure is answered within the admin request's event-bus timeout. */
  private java.time.Duration dnsTimeout() {
    java.time.Duration withinBus = context.eventBus().requestTimeout().minusMillis(500);
    return withinBus.compareTo(java.time.Duration.ofMillis(500)) < 0 ? java.time.Duration.ofMillis(500) : withinBus;
  }

  private static java.net.InetSocketAddress systemResolver() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/resolv.conf"))) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length >= 2 && parts[0].equals("nameserver")) {
          return java.net.InetSocketAddress.createUnresolved(parts[1], 53);
        }
      }
    } catch (java.io.IOException unreadable) {
      LOG.warn("cannot read /etc/resolv.conf; domain verification asks 127.0.0.1:53");
    }
    return java.net.InetSocketAddress.createUnresolved("127.0.0.1", 53);
  }

  /** Secrets about to expire are announced at startup and every day after. */
  private void scheduleExpiryRadar(ExpiryService expiry) {
    Runnable sweep = () -> expiry.announce()
        .onSuccess(count -> {
          if (count > 0) {
            relay.nudge();
            LOG.info("announced {} expiring connector secrets", count);
          }
        })
        .onFailure(failure -> LOG.warn("cannot check expiring connector secrets: {}", failure.getMessage()));
    sweep.run();
    timers.add(vertx.setPeriodic(java.time.Duration.ofDays(1).toMillis(), tick -> sweep.run()));
  }

  /** Scheduled activations are carried out within a second of their date. */
  private void scheduleActivations(ConnectorActivationService activation) {
    timers.add(vertx.setPeriodic(ACTIVATION_CHECK.toMillis(), tick -> activation.activateDue()
        .onSuccess(count -> {
          if (count > 0) {
            relay.nudge();
            RegistryAdminEndpoints.announceChange(vertx, null);
            LOG.info("activated {} scheduled connectors", count);
          }
        })
        .onFailure(failure -> LOG.warn("cannot activate scheduled connectors: {}", failure.getMessage()))));
  }

  @Override
  public Future<?> stop() {
    // a timer that fired after the pool closed would only log "Pool closed"
    timers.forEach(vertx::cancelTimer);
    gauges.close();
    return BusEndpoint.stopServing(vertx).eventually(() -> relay.stop()).eventually(() -> producer.close()).eventually(() -> pool.close());
  }

  private Future<ConnectorSecrets> loadConnectorsFile(FileConnectorSync sync) {
    Optional<Path> file = config.connectorsFile();
    boolean removalsAllowed = config.fileRemovalsAllowed();
    Future<List<ConnectorsFile.FileConnector>> reading = file.isEmpty() ? Future.succeededFuture(List.of())
        : vertx.executeBlocking(() -> ConnectorsFile.read(file.get(), context.environment()), false);
    return reading.compose(connectors -> sync.apply(file, connectors, removalsAllowed)
        .onSuccess(difference -> {
          if (file.isEmpty()) {
            LOG.info("no connectors file: SSO through file connectors is disabled");
          } else if (difference.none()) {
            LOG.info("connectors file {}: {} connectors, as the database holds them already", file.get(),
                connectors.size());
          } else {
            LOG.info("connectors file {} applied: added {}, changed {}, removed {}", file.orElse(null),
                difference.added(), difference.changed(), difference.removed());
          }
        })
        .map(done -> ConnectorSecrets.of(connectors)));
  }

  /** Without a clients file, the file clients that another node loaded stay as they are. */
  private Future<Void> loadClientsFile(ClientRepository clientRows, AuditOutbox outbox) {
    Optional<Path> file = config.clientsFile();
    Future<Void> testApp = FileClientSync.registerTestApp(pool, clientRows,
        config.publicBaseUrl());
    if (file.isEmpty()) {
      return testApp;
    }
    return testApp.compose(registered -> vertx.executeBlocking(() -> ClientsFile.read(file.get(),
            context.environment()), false))
        .compose(clients -> FileClientSync.apply(pool, clientRows, outbox, file.get(), clients,
                config.fileRemovalsAllowed())
            .onSuccess(difference -> {
              if (difference.none()) {
                LOG.info("clients file {}: {} product clients, as the database holds them already", file.get(),
                    clients.size());
              } else {
                LOG.info("clients file {} applied: added {}, changed {}, removed {}", file.get(),
                    difference.added(), difference.changed(), difference.removed());
              }
            }))
        .mapEmpty();
  }

  private Future<?> serveLookups(ConnectorRepository connectors, OrgRepository orgs, ConnectorSecrets secrets,
      ClientService clients) {
    return Future.all(List.of(
        BusEndpoint.serveWhenRegistered(vertx, RegistryContract.CLIENT_BY_ID, request ->
            clients.descriptor(String.valueOf(request.getString("clientId")))
                .map(found -> found.map(ClientDescriptor::toJson)
                    .orElseThrow(() -> ServiceException.notFound("no client with that id")))),
        BusEndpoint.serveWhenRegistered(vertx, RegistryContract.ACTIVE_CONNECTOR_FOR_DOMAIN, request ->
            connectors.activeForDomain(ConnectorForDomainRequest.fromJson(request).domain())
                .map(found -> found.map(secrets::withSecret).map(ConnectorDescriptor::toJson)
                    .orElseThrow(() -> ServiceException.notFound("no active connector for that domain")))),
        BusEndpoint.serveWhenRegistered(vertx, RegistryContract.CONNECTOR_BY_ID, request ->
            connectors.byId(ConnectorByIdRequest.fromJson(request).connectorId())
                .map(found -> found.map(secrets::withSecret).map(ConnectorDescriptor::toJson)
                    .orElseThrow(() -> ServiceException.notFound("no connector with that id")))),
        BusEndpoint.serveWhenRegistered(vertx, RegistryContract.TESTING_CONNECTOR_FOR_TESTER, request ->
            connectors.testingForTester(ConnectorForDomainRequest.fromJson(request).domain(),
                    String.valueOf(request.getString("email")).toLowerCase(java.util.Locale.ROOT))
                .map(found -> found.map(secrets::withSecret).map(ConnectorDescriptor::toJson)
                    .orElseThrow(() -> ServiceException.notFound("no testing connector for that tester")))),
        BusEndpoint.serveWhenRegistered(vertx, RegistryContract.ACTIVE_CONNECTORS_FOR_ORG, request ->
            connectors.activeForOrg(OrgRequest.fromJson(request).org())
                .map(found -> new JsonObject().put("connectors", new JsonArray(
                    found.stream().map(secrets::withSecret).map(ConnectorDescriptor::toJson).toList())))),
        BusEndpoint.serveWhenRegistered(vertx, RegistryContract.SAML_CERTIFICATES_SEEN, request ->
            SamlCertificatesSeen.record(connectors, request)),
        BusEndpoint.serveWhenRegistered(vertx, RegistryContract.ORG_BY_SLUG, request ->
            orgs.find(OrgRequest.fromJson(request).org())
                .map(found -> found.map(Org::summary).map(OrgSummary::toJson)
                    .orElseThrow(() -> ServiceException.notFound("no org with that slug"))))));
  }
}
