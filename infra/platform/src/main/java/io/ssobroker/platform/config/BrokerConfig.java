package io.ssobroker.platform.config;

import io.ssobroker.platform.Secret;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.service.ServiceName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration of one broker process. Built once by {@link ConfigLoader}; never re-read. The launcher
 * reads it whole; each service is given only its share ({@link #registry()}, {@link #directory()}, {@link #audit()},
 * {@link #edge()}, and {@link #eventBus()} for all of them).
 */
public record BrokerConfig(
    URI publicBaseUrl,
    String listenHost,
    int httpPort,
    int adminPort,
    Path dataDir,
    Optional<Secret> databaseUrl,
    Optional<String> kafkaBootstrapServers,
    int kafkaEmbeddedPort,
    String auditTopic,
    AuditStoreSettings auditStore,
    Optional<Path> connectorsFile,
    Optional<Path> clientsFile,
    Optional<Path> usersFile,
    Optional<Secret> adminToken,
    List<String> allowedReturnOrigins,
    Set<ServiceName> services,
    Duration eventBusTimeout,
    LoginSettings login,
    Optional<Secret> secretsKeys,
    Optional<java.net.InetSocketAddress> dnsResolver,
    boolean fileRemovalsAllowed,
    ClusterSettings cluster,
    Duration shutdownDelay,
    Optional<DemoSettings> demo,
    URI consoleUrl) {

  /**
   * How logins behave at the edge.
   *
   * @param stateLifetime how long a login may take from start to callback
   * @param sessionLifetime how long a session lasts after login
   * @param idpTimeout the bound on every outbound call to an IdP
   * @param clockSkew how far the IdP's clock may be from ours when checking token times
   * @param authorities base URLs of the Entra, Google and Okta presets
   * @param rateLimitPerMinute login starts allowed per client address and minute; 0 turns the limit off
   * @param samlRequestSigningKey a PEM file with the private key (PKCS#8) and certificate that sign SAML AuthnRequests;
   *     none: AuthnRequests are not signed
   * @param samlQueueCapacity SAML responses waiting for a parser thread; one more is answered 503 at once
   */
  public record LoginSettings(
      Duration stateLifetime, Duration sessionLifetime, Duration idpTimeout, Duration clockSkew,
      IdpAuthorities authorities, int rateLimitPerMinute, java.util.Optional<java.nio.file.Path> samlRequestSigningKey,
      int samlQueueCapacity) {}

  /**
   * What the audit-log service does with the events it consumes, beyond storing them.
   *
   * @param ocsfEnabled whether login events are also published as OCSF Authentication events
   * @param ocsfTopic the Kafka topic of those OCSF events
   * @param retention how long stored events are kept for the audit query API
   */
  public record AuditStoreSettings(boolean ocsfEnabled, String ocsfTopic, Duration retention) {}

  /** The registry's share of this configuration. */
  public RegistryConfig registry() {
    return new RegistryConfig(publicBaseUrl, consoleUrl, dataDir, secretsKeys, adminToken, auditTopic, connectorsFile,
        clientsFile, fileRemovalsAllowed, dnsResolver);
  }

  /** The directory's share of this configuration. */
  public DirectoryConfig directory() {
    return new DirectoryConfig(auditTopic, usersFile);
  }

  /** The audit log's share of this configuration. */
  public AuditConfig audit() {
    return new AuditConfig(auditTopic, auditStore, publicBaseUrl);
  }

  /** The edge's share of this configuration. */
  public EdgeConfig edge() {
    return new EdgeConfig(publicBaseUrl, listenHost, httpPort, adminPort, dataDir, secretsKeys, auditTopic,
        allowedReturnOrigins, login, demo.isPresent());
  }

  /** How every service of this process asks the others. */
  public EventBusSettings eventBus() {
    return new EventBusSettings(eventBusTimeout, cluster.enabled());
  }

  public boolean runs(ServiceName service) {
    return services.contains(service);
  }

  public boolean embeddedPostgres() {
    return databaseUrl.isEmpty();
  }

  public boolean embeddedKafka() {
    return kafkaBootstrapServers.isEmpty();
  }
}
