package io.ssobroker.platform.config;

import io.ssobroker.platform.Secret;
import io.ssobroker.platform.config.BrokerConfig.LoginSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the public edge reads of the configuration.
 *
 * @param publicBaseUrl the address users and products reach the edge at
 * @param listenHost the address the public port binds
 * @param httpPort the public port
 * @param adminPort the admin port, which the landing page links to when the broker runs on this machine
 * @param dataDir where the audit spool and the generated sealing key live
 * @param secretsKeys the keys that seal the provider's signing keys
 * @param auditTopic the Kafka topic of audit events
 * @param allowedReturnOrigins where a login may return besides the registered clients
 * @param login how logins behave
 * @param demo whether the broker runs the demo, which the landing page says
 */
public record EdgeConfig(
    URI publicBaseUrl, String listenHost, int httpPort, int adminPort, Path dataDir, Optional<Secret> secretsKeys,
    String auditTopic, List<String> allowedReturnOrigins, LoginSettings login, boolean demo) {}
