package io.ssobroker.edge.internal.login;

import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.session.Session;
import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.vertx.core.Future;
import java.net.URI;

/**
 * Where a login ends that answers a product's authorization request: the product must still be a client that admits
 * the user's org, and the login ends with an authorization code for it instead of a return address.
 */
public interface ProductAuthorizations {

  /** Fails with a {@code LoginFailure} when the client is gone or does not admit this org. */
  Future<Void> admit(PendingAuthorization authorization, String org);

  /** The client's redirect URI with a new code for the user of this session (and the client's state, and iss). */
  Future<String> issueCode(PendingAuthorization authorization, Session session);
}
