package io.ssobroker.edge.internal.login;

import io.ssobroker.edge.internal.state.LoginState;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the browser goes after a login: the {@code return_to} checked at the start (sealed in the state since), else
 * the org's landing URL, else the test application.
 */
public final class ReturnTargets {

  public static final String TEST_APP = "/test-app";

  private final CachedRegistry registry;
  private final List<String> globalOrigins;

  public ReturnTargets(CachedRegistry registry, List<String> globalOrigins) {
    this.registry = registry;
    this.globalOrigins = globalOrigins;
  }

  /** The checked {@code return_to} of a login about to start for this org. */
  public Future<Optional<String>> check(String org, String candidate) {
    if (candidate == null || candidate.isEmpty()) {
      return Future.succeededFuture(java.util.Optional.empty());
    }
    return registry.org(org).map(summary -> {
      Set<String> origins = new LinkedHashSet<>(globalOrigins);
      summary.ifPresent(found -> origins.addAll(found.allowedReturnOrigins()));
      return ReturnTarget.validate(candidate, origins);
    });
  }

  Future<String> forLogin(LoginState state, ConnectorDescriptor connector) {
    return forLogin(state.returnTo(), connector);
  }

  /** For a login without a state (IdP-initiated): no {@code return_to}. */
  Future<String> forLogin(Optional<String> returnTo, ConnectorDescriptor connector) {
    if (returnTo.isPresent()) {
      return Future.succeededFuture(returnTo.get());
    }
    return registry.org(connector.org())
        .map(summary -> summary.flatMap(found -> found.landingUrl()).orElse(TEST_APP))
        .otherwise(TEST_APP);
  }
}
