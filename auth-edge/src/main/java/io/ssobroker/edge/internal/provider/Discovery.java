package io.ssobroker.edge.internal.provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.util.List;

/**
 * The provider's metadata (OpenID Connect Discovery 1.0, RFC 8414): only what is implemented, so that a client library
 * that trusts it never tries what would be refused.
 */
final class Discovery {

  private Discovery() {}

  static String document(ProviderEndpoints endpoints) {
    OIDCProviderMetadata metadata = new OIDCProviderMetadata(endpoints.issuer(), List.of(SubjectType.PUBLIC),
        endpoints.jwks());
    metadata.setAuthorizationEndpointURI(endpoints.authorize());
    metadata.setTokenEndpointURI(endpoints.token());
    metadata.setUserInfoEndpointURI(endpoints.userInfo());
    metadata.setIntrospectionEndpointURI(endpoints.introspect());
    metadata.setIntrospectionEndpointAuthMethods(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
        ClientAuthenticationMethod.CLIENT_SECRET_POST));
    metadata.setRevocationEndpointURI(endpoints.revoke());
    metadata.setRevocationEndpointAuthMethods(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
        ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.NONE));
    metadata.setEndSessionEndpointURI(endpoints.endSession());
    metadata.setSupportsBackChannelLogout(true);
    metadata.setSupportsBackChannelLogoutSession(true);
    metadata.setResponseTypes(List.of(ResponseType.CODE));
    metadata.setResponseModes(List.of(ResponseMode.QUERY));
    metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
    metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
    metadata.setTokenEndpointAuthMethods(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
        ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.NONE));
    metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256));
    metadata.setScopes(new Scope("openid", "email", "profile"));
    metadata.setClaims(List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "sid", "acr", "amr", "at_hash",
        "email", "email_verified", "name", "org"));
    metadata.setPromptTypes(List.of(Prompt.Type.NONE, Prompt.Type.LOGIN, Prompt.Type.CONSENT,
        Prompt.Type.SELECT_ACCOUNT));
    metadata.setSupportsClaimsParams(false);
    metadata.setSupportsRequestParam(false);
    metadata.setSupportsRequestURIParam(false);
    metadata.setRequiresRequestURIRegistration(false);
    metadata.setSupportsAuthorizationResponseIssuerParam(true);
    return metadata.toJSONObject().toJSONString();
  }
}
