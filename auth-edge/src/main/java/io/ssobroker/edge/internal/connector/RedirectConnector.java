package io.ssobroker.edge.internal.connector;

import io.vertx.core.Future;

/** A connector whose IdP sends the browser back with a code (OpenID Connect): every OIDC kind. */
public non-sealed interface RedirectConnector extends Connector {

  /** The identity of the login that these secrets belong to, from the IdP's callback; fails with a {@link LoginFailure}. */
  Future<Identity> complete(CallbackParameters callback, LoginSecrets secrets);
}
