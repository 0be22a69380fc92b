package io.ssobroker.edge.login;

import io.ssobroker.edge.connector.LoginFailure;
import io.ssobroker.edge.session.RecentDirectory;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserStatus;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides whether this email may log in through this connector: it matches the connector's email pattern and
 * domains, and the directory has an active user with that email under the connector's own org. No provisioning.
 */
final class UserGate {

  private static final int MAX_CACHED_PATTERNS = 1_000;

  private final RecentDirectory directory;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  UserGate(RecentDirectory directory) {
    this.directory = directory;
  }

  Future<DirectoryUser> admit(EmailAddress email, ConnectorDescriptor connector) {
    if (!pattern(connector.emailPattern()).matcher(email.value()).matches()) {
      return Future.failedFuture(LoginFailure.userNotAllowed("email_pattern_mismatch"));
    }
    if (!connector.domains().contains(email.domain())) {
      return Future.failedFuture(LoginFailure.userNotAllowed("domain_not_allowed"));
    }
    return directory.userByEmail(email)
        .recover(unavailable -> Future.failedFuture(LoginFailure.session("directory_unavailable")))
        .map(found -> {
          DirectoryUser user = found.orElseThrow(() -> LoginFailure.userNotAllowed("unknown_user"));
          if (!user.org().equals(connector.org())) {
            throw LoginFailure.userNotAllowed("org_mismatch");
          }
          if (user.status() != UserStatus.ACTIVE) {
            throw LoginFailure.userNotAllowed("user_disabled");
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
