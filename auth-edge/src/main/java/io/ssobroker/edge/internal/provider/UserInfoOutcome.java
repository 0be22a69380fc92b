package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;

/** How a userinfo request ends: the claims, or a bearer token error (RFC 6750 3). */
sealed interface UserInfoOutcome {

  record Claims(UserInfo userInfo) implements UserInfoOutcome {}

  record Refused(BearerTokenError error) implements UserInfoOutcome {}
}
