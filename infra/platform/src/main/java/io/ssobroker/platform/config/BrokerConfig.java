package io.ssobroker.platform.config;

import io.ssobroker.platform.Secret;
import io.ssobroker.platform.service.ServiceName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The validated configuration of one broker process. Built once by {@link ConfigLoader}; never re-read. */
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
    Optional<Path> connectorsFile,
    Optional<Path> usersFile,
    Optional<Secret> adminToken,
    List<String> allowedReturnOrigins,
    Set<ServiceName> services,
    Duration eventBusTimeout) {

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
