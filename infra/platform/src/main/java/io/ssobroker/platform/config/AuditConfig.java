package io.ssobroker.platform.config;

import io.ssobroker.platform.config.BrokerConfig.AuditStoreSettings;
import java.net.URI;

/**
 * What the audit log reads of the configuration.
 *
 * @param auditTopic the Kafka topic it consumes
 * @param store what it does with the events beyond storing them
 * @param publicBaseUrl whose host names this broker in OCSF events
 */
public record AuditConfig(String auditTopic, AuditStoreSettings store, URI publicBaseUrl) {}
