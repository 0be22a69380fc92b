package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.ssobroker.edge.internal.provider.AccessTokens.Verified;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The revocation endpoint (RFC 7009): {@code parse -> authenticateClient -> which token -> revoke}. A refresh token
 * is revoked with its whole family and the access tokens issued from it (7009 2.1); an access token alone. A token
 * this provider does not know is answered as revoked (2.2); one issued to another client is refused. Fails with a
 * {@link GrantRefused}.
 */
final class TokenRevocation {

  private final ClientCredentials credentials;
  private final AccessTokens accessTokens;
  private final IssuedTokens issued;

  TokenRevocation(ClientCredentials credentials, AccessTokens accessTokens, IssuedTokens issued) {
    this.credentials = credentials;
    this.accessTokens = accessTokens;
    this.issued = issued;
  }

  public Future<Void> revoke(HTTPRequest http) {
    TokenRevocationRequest request;
    try {
      request = TokenRevocationRequest.parse(http);
    } catch (ParseException | RuntimeException malformed) {
      return Future.failedFuture(new GrantRefused(TokenRefusal.MALFORMED_REQUEST));
    }
    String token = request.getToken().getValue();
    return credentials.authenticate(request.getClientAuthentication(), request.getClientID(), true)
        .compose(client -> {
          if (token.startsWith(DirectoryContract.API_KEY_PREFIX)) {
            return Future.failedFuture(new GrantRefused(TokenRefusal.UNSUPPORTED_TOKEN_TYPE));
          }
          Optional<Verified> verified = accessTokens.verify(token);
          return verified.isPresent() ? revokeAccessToken(client, verified.get()) : revokeRefreshToken(client, token);
        });
  }

  private Future<Void> revokeAccessToken(ClientDescriptor client, Verified token) {
    if (!client.clientId().equals(token.clientId())) {
      return Future.failedFuture(new GrantRefused(TokenRefusal.TOKEN_OF_OTHER_CLIENT));
    }
    return issued.revokeAccessToken(token.jti(), client.clientId()).mapEmpty();
  }

  private Future<Void> revokeRefreshToken(ClientDescriptor client, String token) {
    return issued.findRefresh(token).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      if (!found.get().clientId().equals(client.clientId())) {
        return Future.failedFuture(new GrantRefused(TokenRefusal.TOKEN_OF_OTHER_CLIENT, Optional.of(found.get().grant())));
      }
      return issued.revokeFamily(found.get().familyId());
    });
  }
}
