package io.ssobroker.edge.connector.oidc;

import io.ssobroker.edge.idp.IdpHttp;
import io.ssobroker.platform.connector.AzureSettings;
import io.ssobroker.platform.connector.GoogleSettings;
import io.ssobroker.platform.connector.OidcClientSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** The authorization request (code flow, PKCE S256, nonce), with each preset's hints: Entra domain_hint, Google hd. */
public final class AuthorizationRedirect {

  private AuthorizationRedirect() {}

  public static String url(ProviderMetadata provider, OidcClientSettings settings, URI redirectUri, String state,
      String nonce, String pkceVerifier, Optional<String> loginHint) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("response_type", "code");
    parameters.put("client_id", settings.clientId());
    parameters.put("redirect_uri", redirectUri.toString());
    parameters.put("scope", String.join(" ", settings.scopes()));
    parameters.put("state", state);
    parameters.put("nonce", nonce);
    parameters.put("code_challenge", Pkce.s256(pkceVerifier));
    parameters.put("code_challenge_method", "S256");
    parameters.put("response_mode", "query");
    loginHint.ifPresent(hint -> parameters.put("login_hint", hint));
    if (settings instanceof AzureSettings) {
      loginHint.ifPresent(hint -> parameters.put("domain_hint", hint.substring(hint.indexOf('@') + 1)));
    }
    if (settings instanceof GoogleSettings google) {
      parameters.put("hd", google.hostedDomain());
    }
    StringJoiner query = new StringJoiner("&");
    parameters.forEach((name, value) -> query.add(IdpHttp.formEncode(name) + "=" + IdpHttp.formEncode(value)));
    String endpoint = provider.authorizationEndpoint().toString();
    return endpoint + (endpoint.contains("?") ? "&" : "?") + query;
  }
}
