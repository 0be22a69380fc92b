package io.ssobroker.edge.internal.connector.oidc;

import io.ssobroker.edge.internal.connector.LoginSecrets;
import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.OidcClientSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** The authorization request (code flow, PKCE S256, nonce), with what the connector's kind adds to it. */
final class AuthorizationRedirect {

  private AuthorizationRedirect() {}

  static URI url(ProviderMetadata provider, OidcClientSettings client, OidcProfile profile, URI redirectUri,
      String state, LoginSecrets secrets, Optional<EmailAddress> loginHint) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("response_type", "code");
    parameters.put("client_id", client.clientId());
    parameters.put("redirect_uri", redirectUri.toString());
    parameters.put("scope", String.join(" ", client.scopes()));
    parameters.put("state", state);
    parameters.put("nonce", secrets.nonce());
    parameters.put("code_challenge", Pkce.s256(secrets.pkceVerifier()));
    parameters.put("code_challenge_method", "S256");
    parameters.put("response_mode", "query");
    loginHint.ifPresent(hint -> parameters.put("login_hint", hint.value()));
    profile.addAuthorizationParameters(parameters, loginHint);
    StringJoiner query = new StringJoiner("&");
    parameters.forEach((name, value) -> query.add(IdpHttp.formEncode(name) + "=" + IdpHttp.formEncode(value)));
    String endpoint = provider.authorizationEndpoint().toString();
    return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + query);
  }
}
