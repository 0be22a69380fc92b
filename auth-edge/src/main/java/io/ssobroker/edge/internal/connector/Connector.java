package io.ssobroker.edge.internal.connector;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;

/**
 * One org's connection to its IdP, opened once per version of its description by the factory of its kind
 * ({@link Connectors}). Every connector begins a login by sending the browser to its IdP and checks itself without
 * logging anyone in; how it completes a login depends on how its IdP answers, which is its protocol's shape: a
 * redirect back with a code ({@link RedirectConnector}) or a posted response ({@link PostConnector}).
 */
public sealed interface Connector permits RedirectConnector, PostConnector {

  ConnectorDescriptor descriptor();

  /** Fresh secrets for a login about to begin; the login seals them in its state. */
  LoginSecrets newSecrets();

  /** Where the browser signs in at the IdP, carrying the sealed state. */
  Future<URI> begin(LoginSecrets secrets, String sealedState, Optional<EmailAddress> loginHint);

  /** The preflight: what an administrator must know, as the admin API's check report. */
  Future<JsonObject> check();
}
