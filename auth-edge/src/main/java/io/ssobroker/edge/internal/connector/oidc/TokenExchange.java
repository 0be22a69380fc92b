package io.ssobroker.edge.internal.connector.oidc;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.idp.IdpCallFailed;
import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trades an authorization code for tokens at the IdP's token endpoint, with the PKCE verifier and the client's
 * credentials (HTTP Basic with form-encoded id and secret, RFC 6749 2.3.1, or in the body when the IdP only takes
 * that). Never retried: a code is single-use.
 */
final class TokenExchange {

  private static final int MAX_TOKEN_RESPONSE_BYTES = 256 * 1024;

  private final IdpHttp http;

  public TokenExchange(IdpHttp http) {
    this.http = http;
  }

  /** The raw ID token, or a failure whose reason says what went wrong. */
  Future<String> idToken(ProviderMetadata provider, OidcClientSettings settings, URI redirectUri, String code,
      String pkceVerifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri.toString());
    form.put("code_verifier", pkceVerifier);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (provider.clientSecretPostOnly()) {
      form.put("client_id", settings.clientId());
      form.put("client_secret", settings.clientSecret().value());
    } else {
      String credentials = IdpHttp.formEncode(settings.clientId()) + ":" + IdpHttp.formEncode(settings.clientSecret().value());
      headers.set("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.postForm(provider.tokenEndpoint(), form, headers, MAX_TOKEN_RESPONSE_BYTES)
        .recover(failure -> Future.failedFuture(LoginFailure.of(failure instanceof IdpCallFailed call
            ? call.atTokenEndpoint() : LoginReason.UNREACHABLE)))
        .map(TokenExchange::idTokenOf);
  }

  private static String idTokenOf(IdpHttp.Response response) {
    JsonObject body;
    try {
      body = new JsonObject(response.body().toString(StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException notJson) {
      throw LoginFailure.of(response.status() == 200 ? LoginReason.BAD_TOKEN_RESPONSE : LoginReason.TOKEN_ENDPOINT_ERROR);
    }
    if (response.status() != 200) {
      String error = body.getValue("error") instanceof String text ? text : "";
      throw LoginFailure.of(switch (error) {
        case "invalid_client", "unauthorized_client" -> LoginReason.INVALID_CLIENT;
        case "invalid_grant" -> LoginReason.INVALID_GRANT;
        default -> LoginReason.TOKEN_ENDPOINT_ERROR;
      });
    }
    Object idToken = body.getValue("id_token");
    if (!(idToken instanceof String token) || token.isBlank()) {
      throw LoginFailure.of(LoginReason.MISSING_ID_TOKEN);
    }
    return token;
  }
}
