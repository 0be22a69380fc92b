package io.ssobroker.platform.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user directory reads of the configuration.
 *
 * @param auditTopic the Kafka topic of audit events
 * @param usersFile the declared users, imported at startup, if any
 */
public record DirectoryConfig(String auditTopic, Optional<Path> usersFile) {}
