package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonObject;

/**
 * The kind-specific part of a connector ({@code parameters} in the connectors file), typed and validated when read.
 * Secrets are held as {@link io.ssobroker.platform.Secret} and never written by {@link #toParameters()}.
 */
public sealed interface ConnectorSettings
    permits OidcClientSettings, SamlSettings {

  ConnectorKind kind();

  /** The parameters as stored and shown: everything but the secret. */
  JsonObject toParameters();
}
