package io.ssobroker.app;

import io.ssobroker.audit.AuditService;
import io.ssobroker.directory.DirectoryService;
import io.ssobroker.edge.EdgeService;
import io.ssobroker.embedded.EmbeddedKafkaBroker;
import io.ssobroker.embedded.EmbeddedPostgresServer;
import io.ssobroker.platform.Secret;
import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.app.cluster.FleetVertx;
import io.ssobroker.app.demo.DemoAdminToken;
import io.ssobroker.app.demo.DemoMode;
import io.ssobroker.platform.config.ConfigKey;
import io.ssobroker.platform.config.ClusterSettings;
import io.ssobroker.platform.config.CommandLine;
import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.platform.config.ConfigLoader;
import io.ssobroker.platform.db.DatabaseSettings;
import io.ssobroker.platform.log.CorrelationId;
import io.ssobroker.platform.service.BrokerService;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.registry.RegistryService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker process: the embedded PostgreSQL and Kafka when no external ones are configured, the services this
 * process runs, and the admin port. {@link #close()} stops whatever has started, in reverse order, and may be called
 * from a shutdown hook at any point, even while {@link #start} is still running.
 */
public final class Broker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final String metricsRegistryName = "sso-broker-" + UUID.randomUUID();
  private final List<String> deployedLastFirst = new ArrayList<>();
  private Vertx vertx;
  private EmbeddedPostgresServer postgres;
  private EmbeddedKafkaBroker kafka;
  private DemoMode demo;
  private BrokerConfig config;
  private ServiceContext serviceContext;
  private boolean closing;
  private final Clock clock;

  public Broker() {
    this(Clock.systemUTC());
  }

  /** A broker whose services measure time by this clock (tests move it instead of waiting). */
  public Broker(Clock clock) {
    this.clock = clock;
  }

  /** Starts everything; on failure, stops what had started and rethrows. */
  public void start(CommandLine commandLine, Map<String, String> environment) throws Exception {
    try {
      startAll(commandLine, environment);
    } catch (Exception failure) {
      close();
      throw failure;
    }
  }

  private void startAll(CommandLine commandLine, Map<String, String> environment) throws Exception {
    long startedAt = System.nanoTime();
    CorrelationId.install();
    config = loadConfiguration(commandLine, environment);
    if (config.demo().isPresent()) {
      DemoMode started = DemoMode.start(config, config.demo().get());
      register(() -> demo = started);
    }
    Vertx created = await(createVertx());
    register(() -> vertx = created);
    logTransport(created);
    DatabaseSettings database;
    String kafkaBootstrapServers;
    CompletableFuture<EmbeddedKafkaBroker> startingKafka = config.embeddedKafka()
        ? CompletableFuture.supplyAsync(this::startEmbeddedKafka)
        : CompletableFuture.completedFuture(null);
    try {
      database = config.databaseUrl().map(DatabaseSettings::fromUrl).orElseGet(this::startEmbeddedPostgres);
    } finally {
      EmbeddedKafkaBroker startedKafka = join(startingKafka);
      register(() -> kafka = startedKafka);
    }
    kafkaBootstrapServers = config.kafkaBootstrapServers().orElseGet(() -> kafka.bootstrapServers());
    serviceContext = new ServiceContext(config.eventBus(), database, kafkaBootstrapServers, Map.copyOf(environment),
        BackendRegistries.getNow(metricsRegistryName), clock);

    // services that others depend on start first and in parallel; the edge, which serves the public port, last
    await(Future.all(backendServices(config).stream()
        .filter(service -> config.runs(service.name()))
        .map(service -> vertx.deployVerticle(service.verticle(serviceContext)).onSuccess(this::deployed))
        .toList()));
    BrokerService edge = new EdgeService(config.edge());
    if (config.runs(edge.name())) {
      deployed(await(vertx.deployVerticle(edge.verticle(serviceContext))));
    }
    deployed(await(vertx.deployVerticle(new AdminVerticle(serviceContext, config, metricsRegistryName))));
    LOG.info("SSO broker ready in {} ms: public {} (port {}), admin port {}, services {}",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), config.publicBaseUrl(), config.httpPort(),
        config.adminPort(), config.services().stream().map(s -> s.id()).sorted().toList());
    if (demo != null) {
      demo.announce(System.out);
    }
  }

  /** Each service with its share of the configuration. */
  private static List<BrokerService> backendServices(BrokerConfig config) {
    return List.of(new RegistryService(config.registry()), new DirectoryService(config.directory()),
        new AuditService(config.audit()));
  }

  /** Read with a Vert.x of its own (vertx-config needs one): which Vert.x to build depends on what it says. */
  private static BrokerConfig loadConfiguration(CommandLine commandLine, Map<String, String> environment)
      throws Exception {
    Vertx reading = Vertx.vertx();
    try {
      BrokerConfig loaded = await(ConfigLoader.load(reading, commandLine, environment));
      if (loaded.demo().isPresent() && loaded.adminToken().isEmpty()) {
        // the demo's data directory is only known once the layers are read
        String token = DemoAdminToken.readOrCreate(loaded.dataDir());
        loaded = await(ConfigLoader.load(reading, commandLine.with(ConfigKey.ADMIN_TOKEN, token), environment));
      }
      return loaded;
    } finally {
      reading.close();
    }
  }

  /** A local Vert.x for one process; with {@code cluster.enabled}, one whose event bus spans the fleet. */
  private Future<Vertx> createVertx() throws Exception {
    VertxOptions options = new VertxOptions().setMetricsOptions(metricsOptions()).setPreferNativeTransport(true);
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory());
    if (!config.cluster().enabled()) {
      return Future.succeededFuture(builder.with(options).build());
    }
    ClusterSettings cluster = config.cluster();
    LOG.info("joining fleet '{}' at {}:{} (membership port {}) through {}", cluster.name(), cluster.publicHost(),
        cluster.port(), cluster.membershipPort(), cluster.kubernetesService().map(s -> "DNS of " + s)
            .orElse("members " + cluster.members()));
    return FleetVertx.join(builder, options, cluster);
  }

  private synchronized void deployed(String deploymentId) {
    deployedLastFirst.add(0, deploymentId);
  }

  /** Linux's epoll when its Netty library loads (fewer system calls per request than Java's NIO), else NIO. */
  private static void logTransport(Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      LOG.info("network transport: native (epoll)");
    } else {
      Throwable cause = vertx.unavailableNativeTransportCause();
      LOG.info("network transport: Java NIO ({})", cause == null ? "no native transport for this system" : cause.getMessage());
    }
  }

  public BrokerConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public ServiceContext serviceContext() {
    return serviceContext;
  }

  @Override
  public void close() {
    Vertx stoppingVertx;
    EmbeddedKafkaBroker stoppingKafka;
    EmbeddedPostgresServer stoppingPostgres;
    DemoMode stoppingDemo;
    List<String> undeploying;
    synchronized (this) {
      closing = true;
      undeploying = List.copyOf(deployedLastFirst);
      stoppingVertx = vertx;
      stoppingKafka = kafka;
      stoppingPostgres = postgres;
      stoppingDemo = demo;
      demo = null;
      vertx = null;
      kafka = null;
      postgres = null;
    }
    if (stoppingVertx == null && stoppingKafka == null && stoppingPostgres == null && stoppingDemo == null) {
      return;
    }
    LOG.info("SSO broker stopping");
    if (stoppingVertx != null) {
      undeploy(stoppingVertx, undeploying, config == null ? Duration.ZERO : config.shutdownDelay());
      try {
        stoppingVertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception failure) {
        LOG.warn("services did not stop cleanly: {}", failure.toString());
      }
    }
    if (stoppingKafka != null) {
      try {
        stoppingKafka.close();
      } catch (RuntimeException failure) {
        LOG.warn("embedded Kafka did not stop cleanly: {}", failure.toString());
      }
    }
    if (stoppingPostgres != null) {
      try {
        stoppingPostgres.close();
      } catch (Exception failure) {
        LOG.warn("embedded PostgreSQL did not stop cleanly: {}", failure.toString());
      }
    }
    if (stoppingDemo != null) {
      stoppingDemo.close();
    }
    LOG.info("SSO broker stopped");
  }

  /**
   * The admin port and the edge first, each draining its requests in flight, while the services they ask over the
   * event bus (and PostgreSQL and Kafka) still answer; then the services.
   */
  private static void undeploy(Vertx vertx, List<String> deployedLastFirst, Duration shutdownDelay) {
    for (int i = 0; i < deployedLastFirst.size(); i++) {
      try {
        vertx.undeploy(deployedLastFirst.get(i)).toCompletionStage().toCompletableFuture()
            .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception failure) {
        LOG.warn("a service did not stop cleanly: {}", failure.toString());
      }
      if (i == 0 && !shutdownDelay.isZero()) {
        // the admin port, and with it readiness, is closed: the load balancers stop sending before the public port goes
        LOG.info("readiness withdrawn: the public port closes in {}", shutdownDelay);
        try {
          Thread.sleep(shutdownDelay.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setRegistryName(metricsRegistryName)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }

  private DatabaseSettings startEmbeddedPostgres() {
    try {
      EmbeddedPostgresServer started = EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"));
      register(() -> postgres = started);
      return new DatabaseSettings(EmbeddedPostgresServer.HOST, started.port(), EmbeddedPostgresServer.DATABASE,
          EmbeddedPostgresServer.USER, new Secret(""));
    } catch (java.io.IOException failure) {
      throw new IllegalStateException("embedded PostgreSQL did not start: " + failure.getMessage(), failure);
    }
  }

  private EmbeddedKafkaBroker startEmbeddedKafka() {
    try {
      return EmbeddedKafkaBroker.start(config.dataDir().resolve("kafka"), config.kafkaEmbeddedPort());
    } catch (java.io.IOException failure) {
      throw new IllegalStateException(failure.getMessage(), failure);
    }
  }

  /**
   * Records a started component so that {@link #close()} stops it. When a shutdown arrived meanwhile, startup ends
   * here, and the failure path of {@link #start} stops what was just recorded.
   */
  private void register(Runnable assignment) {
    boolean abort;
    synchronized (this) {
      assignment.run();
      abort = closing;
    }
    if (abort) {
      throw new IllegalStateException("shutdown requested during startup");
    }
  }

  private static <T> T join(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failure) {
      throw unwrap(failure);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failure) {
      throw unwrap(failure);
    } catch (TimeoutException slow) {
      throw new TimeoutException("startup step did not finish within " + STEP_TIMEOUT);
    }
  }

  private static Exception unwrap(ExecutionException failure) {
    Throwable cause = failure.getCause();
    while (cause != null && cause.getCause() != null && !(cause instanceof ConfigException)
        && (cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException)) {
      cause = cause.getCause();
    }
    return cause instanceof Exception exception ? exception : failure;
  }
}
