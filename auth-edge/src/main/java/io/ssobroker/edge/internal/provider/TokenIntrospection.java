package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import io.ssobroker.edge.internal.provider.AccessTokens.Verified;
import io.ssobroker.edge.internal.session.ActiveSessions;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The introspection endpoint (RFC 7662) for products' backends, with their own client credentials (confidential
 * clients only): {@code parse -> authenticateClient -> which token -> its state}. It answers for the provider's access
 * and refresh tokens, and for users' API keys; a client learns only of tokens issued to it and of keys of orgs it
 * allows, and everything else is {@code active: false}, indistinguishable from a token that never existed.
 */
final class TokenIntrospection {

  private final ClientCredentials credentials;
  private final AccessTokens accessTokens;
  private final IssuedTokens issued;
  private final ActiveSessions sessions;
  private final DirectoryClient directory;
  private final Issuer issuer;

  TokenIntrospection(ClientCredentials credentials, AccessTokens accessTokens, IssuedTokens issued,
      ActiveSessions sessions, DirectoryClient directory, Issuer issuer) {
    this.credentials = credentials;
    this.accessTokens = accessTokens;
    this.issued = issued;
    this.sessions = sessions;
    this.directory = directory;
    this.issuer = issuer;
  }

  /** An answer, or a {@link GrantRefused} failure (the client is not authenticated, or the request is malformed). */
  public Future<TokenIntrospectionResponse> introspect(HTTPRequest http) {
    TokenIntrospectionRequest request;
    try {
      request = TokenIntrospectionRequest.parse(http);
    } catch (ParseException | RuntimeException malformed) {
      return Future.failedFuture(new GrantRefused(TokenRefusal.MALFORMED_REQUEST));
    }
    if (request.getToken() == null) {
      return Future.failedFuture(new GrantRefused(TokenRefusal.MALFORMED_REQUEST));
    }
    String token = request.getToken().getValue();
    return credentials.authenticate(request.getClientAuthentication(), null, false)
        .compose(client -> {
          if (token.startsWith(DirectoryContract.API_KEY_PREFIX)) {
            return apiKey(client, token);
          }
          Optional<Verified> verified = accessTokens.verify(token);
          return verified.isPresent() ? accessToken(client, verified.get()) : refreshToken(client, token);
        });
  }

  private Future<TokenIntrospectionResponse> accessToken(ClientDescriptor client, Verified token) {
    if (!client.clientId().equals(token.clientId())) {
      return inactive();
    }
    return issued.holderWhileActive(token.jti()).compose(holder -> holder.isEmpty() ? inactive()
        : sessions.stillHolds(holder.get().userId(), holder.get().org(), holder.get().email())
            .compose(holds -> !holds ? inactive() : Future.succeededFuture(active(client, holder.get().userId()
                .toString(), holder.get().org(), token.expiresAt(), token.scope())
                .tokenType(AccessTokenType.BEARER).issueTime(Date.from(token.issuedAt()))
                .jwtID(new JWTID(token.jti().toString()))
                .build())));
  }

  private Future<TokenIntrospectionResponse> refreshToken(ClientDescriptor client, String token) {
    return issued.activeRefresh(token).compose(found -> {
      if (found.isEmpty() || !found.get().clientId().equals(client.clientId())
          || !client.allowsOrg(found.get().org())) {
        return inactive();
      }
      IssuedTokens.ActiveRefresh refresh = found.get();
      return Future.succeededFuture(active(client, refresh.userId().toString(), refresh.org(), refresh.expiresAt(),
          refresh.scope()).parameter("token_type", "refresh_token").build());
    });
  }

  private Future<TokenIntrospectionResponse> apiKey(ClientDescriptor client, String key) {
    return directory.introspectApiKey(key).compose(answer -> {
      String org = answer.getString("org");
      if (!answer.getBoolean("active", false) || org == null || !client.allowsOrg(org)) {
        return inactive();
      }
      TokenIntrospectionSuccessResponse.Builder builder = new TokenIntrospectionSuccessResponse.Builder(true)
          .subject(new Subject(answer.getString("userId")))
          .issuer(issuer)
          .parameter("org", org)
          .parameter("token_type", "api_key");
      Optional.ofNullable(answer.getString("expiresAt")).map(Instant::parse)
          .ifPresent(expiry -> builder.expirationTime(Date.from(expiry)));
      return Future.succeededFuture(builder.build());
    });
  }

  private TokenIntrospectionSuccessResponse.Builder active(ClientDescriptor client, String subject, String org,
      Instant expiresAt, String scope) {
    return new TokenIntrospectionSuccessResponse.Builder(true)
        .subject(new Subject(subject))
        .clientID(new ClientID(client.clientId()))
        .issuer(issuer)
        .expirationTime(Date.from(expiresAt))
        .scope(Scope.parse(scope))
        .parameter("org", org);
  }

  private static Future<TokenIntrospectionResponse> inactive() {
    return Future.succeededFuture(new TokenIntrospectionSuccessResponse.Builder(false).build());
  }
}
