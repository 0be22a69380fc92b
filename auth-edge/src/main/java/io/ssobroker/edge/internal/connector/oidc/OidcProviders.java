package io.ssobroker.edge.internal.connector.oidc;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.idp.IdpCallFailed;
import io.ssobroker.edge.internal.idp.IdpHttp;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The OIDC providers this edge has met, one per discovery URL, kept for the life of the process. */
final class OidcProviders {

  private final IdpHttp http;
  private final Clock clock;
  private final Map<URI, OidcProvider> providers = new ConcurrentHashMap<>();

  public OidcProviders(IdpHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  OidcProvider of(OidcProfile profile) {
    return providers.computeIfAbsent(profile.discoveryUrl(), url -> new OidcProvider(url, http, clock));
  }

  /** The provider's metadata, whose issuer must be the one the profile expects (OpenID Connect Discovery 4.3). */
  Future<ProviderMetadata> metadata(OidcProfile profile) {
    return of(profile).metadata()
        .recover(failure -> Future.failedFuture(failure instanceof IdpCallFailed call
            ? LoginFailure.of(call.atDiscovery())
            : LoginFailure.of(LoginReason.IDP_MISCONFIGURED)))
        .compose(metadata -> metadata.issuer().equals(profile.discoveryIssuer())
            ? Future.succeededFuture(metadata)
            : Future.failedFuture(LoginFailure.of(LoginReason.IDP_ISSUER_MISMATCH)));
  }

  IdpHttp http() {
    return http;
  }

  Clock clock() {
    return clock;
  }
}
