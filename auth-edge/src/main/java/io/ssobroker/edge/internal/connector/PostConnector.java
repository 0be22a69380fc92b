package io.ssobroker.edge.internal.connector;

import io.vertx.core.Future;
import java.util.Optional;

/** A connector whose IdP posts its response through the browser (SAML 2.0, HTTP-POST binding). */
public non-sealed interface PostConnector extends Connector {

  /** The identity of the login that these secrets belong to, from the posted response; fails with a {@link LoginFailure}. */
  Future<Identity> complete(Optional<String> postedResponse, LoginSecrets secrets);

  /** The identity of a response that answers no login of this broker (IdP-initiated), where the connector allows it. */
  Future<Identity> completeUnsolicited(Optional<String> postedResponse);
}
