package io.ssobroker.edge.internal.connector;

import io.ssobroker.platform.EmailAddress;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * A posted response that answers no login has no state to name its connector: this reads whom it claims to be about
 * (unverified), so that the connector of that email's domain can verify it in full.
 */
public interface UnsolicitedPosts {

  /** The email the response claims, if any; fails with a {@link LoginFailure} when it cannot be read at all. */
  Future<Optional<EmailAddress>> claimedUser(Optional<String> postedResponse);
}
