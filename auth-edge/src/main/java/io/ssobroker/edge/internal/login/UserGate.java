package io.ssobroker.edge.internal.login;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.session.RecentDirectory;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserStatus;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides whether this email may log in through this connector: it matches the connector's email pattern and is in
 * one of its domains (those its org verified: an IdP names users only there), and the directory has an active user
 * with that email under the connector's own org. No provisioning.
 */
public final class UserGate {

  private static final int MAX_CACHED_PATTERNS = 1_000;

  private final RecentDirectory directory;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  public UserGate(RecentDirectory directory) {
    this.directory = directory;
  }

  Future<DirectoryUser> admit(EmailAddress email, ConnectorDescriptor connector) {
    if (!pattern(connector.emailPattern()).matcher(email.value()).matches()) {
      return Future.failedFuture(LoginFailure.of(LoginReason.EMAIL_PATTERN_MISMATCH));
    }
    if (!connector.domains().contains(email.domain())) {
      return Future.failedFuture(LoginFailure.of(LoginReason.DOMAIN_NOT_ALLOWED));
    }
    return directory.userByEmail(email)
        .recover(unavailable -> Future.failedFuture(LoginFailure.of(LoginReason.DIRECTORY_UNAVAILABLE)))
        .map(found -> {
          DirectoryUser user = found.orElseThrow(() -> LoginFailure.of(LoginReason.UNKNOWN_USER));
          if (!user.org().equals(connector.org())) {
            throw LoginFailure.of(LoginReason.ORG_MISMATCH);
          }
          if (user.status() != UserStatus.ACTIVE) {
            throw LoginFailure.of(LoginReason.USER_DISABLED);
          }
          return user;
        });
  }

  private Pattern pattern(String regex) {
    if (patterns.size() >= MAX_CACHED_PATTERNS) {
      patterns.clear();
    }
    return patterns.computeIfAbsent(regex, text -> Pattern.compile(text, Pattern.CASE_INSENSITIVE));
  }
}
