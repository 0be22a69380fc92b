package io.ssobroker.edge.internal.connector.oidc;

import io.vertx.core.Future;
import java.util.Optional;

/** The signing keys an IdP publishes, as an ID token names them. */
interface SigningKeys {

  /** The key with this id, if the IdP publishes it (a rotation may make the set be fetched again). */
  Future<Optional<PublishedKey>> withId(String keyId);

  /** For a token without a key id: the only key of the set, if there is exactly one. */
  Future<Optional<PublishedKey>> sole();
}
