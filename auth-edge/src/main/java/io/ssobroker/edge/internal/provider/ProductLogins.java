package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.edge.internal.login.ProductAuthorizations;
import io.ssobroker.edge.internal.session.Session;
import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.vertx.core.Future;
import java.net.URI;

/**
 * Where a login for a product ends: the client must still exist, still list the redirect URI and admit the user's
 * org; then the browser goes to the redirect URI with a new code, the client's {@code state} and the issuer (RFC
 * 9207).
 */
final class ProductLogins implements ProductAuthorizations {

  private final CachedRegistry registry;
  private final AuthorizationCodes codes;
  private final Issuer issuer;

  ProductLogins(CachedRegistry registry, AuthorizationCodes codes, Issuer issuer) {
    this.registry = registry;
    this.codes = codes;
    this.issuer = issuer;
  }

  @Override
  public Future<Void> admit(PendingAuthorization authorization, String org) {
    return registry.clientById(authorization.clientId())
        .recover(unavailable -> Future.failedFuture(LoginFailure.of(LoginReason.REGISTRY_UNAVAILABLE, unavailable)))
        .compose(found -> {
          if (found.isEmpty() || found.get().redirectUris().stream()
              .noneMatch(uri -> uri.toString().equals(authorization.redirectUri()))) {
            return Future.failedFuture(LoginFailure.of(LoginReason.CLIENT_UNAVAILABLE));
          }
          return found.get().allowsOrg(org) ? Future.succeededFuture()
              : Future.failedFuture(LoginFailure.of(LoginReason.ORG_NOT_ALLOWED_FOR_CLIENT));
        });
  }

  @Override
  public Future<String> issueCode(PendingAuthorization authorization, Session session) {
    return codes.issue(authorization, session)
        .recover(databaseDown -> Future.failedFuture(LoginFailure.of(LoginReason.SESSION_STORE_UNAVAILABLE,
            databaseDown)))
        .map(code -> new AuthorizationSuccessResponse(URI.create(authorization.redirectUri()),
            new AuthorizationCode(code), null, authorization.state().map(State::new).orElse(null), issuer,
            ResponseMode.QUERY).toURI().toString());
  }
}
