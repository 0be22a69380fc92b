package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import io.ssobroker.edge.internal.provider.AccessTokens.Verified;
import io.ssobroker.edge.internal.provider.IssuedTokens.Holder;
import io.ssobroker.edge.internal.session.ActiveSessions;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The userinfo endpoint (OpenID Connect Core 5.3): {@code parse -> verify -> holderWhileActive -> stillHolds}. An access
 * token is good while it verifies, is not revoked, its broker session lives and its user is still the one it was
 * issued to; then the claims are the session's user's.
 */
final class UserInfoAnswers {

  private final AccessTokens accessTokens;
  private final IssuedTokens issued;
  private final ActiveSessions sessions;

  UserInfoAnswers(AccessTokens accessTokens, IssuedTokens issued, ActiveSessions sessions) {
    this.accessTokens = accessTokens;
    this.issued = issued;
    this.sessions = sessions;
  }

  /** Fails only when the session store or the directory cannot answer. */
  public Future<UserInfoOutcome> answer(HTTPRequest http) {
    String token;
    try {
      token = UserInfoRequest.parse(http).getAccessToken().getValue();
    } catch (ParseException | RuntimeException missing) {
      return refused(BearerTokenError.MISSING_TOKEN);
    }
    Optional<Verified> verified = accessTokens.verify(token);
    if (verified.isEmpty()) {
      return refused(BearerTokenError.INVALID_TOKEN);
    }
    return issued.holderWhileActive(verified.get().jti()).compose(holder -> holder.isEmpty()
        ? refused(BearerTokenError.INVALID_TOKEN)
        : sessions.stillHolds(holder.get().userId(), holder.get().org(), holder.get().email())
            .compose(holds -> holds ? Future.succeededFuture(claims(holder.get()))
                : refused(BearerTokenError.INVALID_TOKEN)));
  }

  private static UserInfoOutcome claims(Holder holder) {
    UserInfo info = new UserInfo(new Subject(holder.userId().toString()));
    info.setEmailAddress(holder.email());
    info.setEmailVerified(true);
    info.setName(holder.name());
    info.setClaim("org", holder.org());
    return new UserInfoOutcome.Claims(info);
  }

  private static Future<UserInfoOutcome> refused(BearerTokenError error) {
    return Future.succeededFuture(new UserInfoOutcome.Refused(error));
  }
}
