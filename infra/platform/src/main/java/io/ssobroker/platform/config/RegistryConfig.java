package io.ssobroker.platform.config;

import io.ssobroker.platform.Secret;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the connector registry reads of the configuration.
 *
 * @param publicBaseUrl where the test application's redirect URIs point
 * @param consoleUrl where the console's own client returns to
 * @param dataDir where the generated sealing key lives when {@code secretsKeys} is not set
 * @param secretsKeys the keys that seal connector secrets
 * @param adminToken the platform admin token the configuration names, if any
 * @param auditTopic the Kafka topic of audit events
 * @param connectorsFile the declared connectors, if any
 * @param clientsFile the declared product clients, if any
 * @param fileRemovalsAllowed whether a declaration left out of its file is removed from the database
 * @param dnsResolver the resolver that checks domain TXT records; none: the system's
 */
public record RegistryConfig(
    URI publicBaseUrl, URI consoleUrl, Path dataDir, Optional<Secret> secretsKeys, Optional<Secret> adminToken,
    String auditTopic, Optional<Path> connectorsFile, Optional<Path> clientsFile, boolean fileRemovalsAllowed,
    Optional<InetSocketAddress> dnsResolver) {}
