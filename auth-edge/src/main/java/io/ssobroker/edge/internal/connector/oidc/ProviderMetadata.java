package io.ssobroker.edge.internal.connector.oidc;

import io.ssobroker.platform.connector.FieldReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** The parts of an OpenID Provider's discovery document that a login uses. */
public record ProviderMetadata(
    String issuer,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    URI jwksUri,
    boolean issParameterSupported,
    boolean clientSecretPostOnly) {

  /** Reads a discovery document; a missing or insecure endpoint is a misconfigured IdP. */
  static ProviderMetadata parse(JsonObject document) {
    String issuer = document.getString("issuer");
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("no issuer");
    }
    JsonArray methods = document.getJsonArray("token_endpoint_auth_methods_supported");
    boolean postOnly = methods != null && !methods.contains("client_secret_basic") && methods.contains("client_secret_post");
    return new ProviderMetadata(
        issuer,
        endpoint(document, "authorization_endpoint"),
        endpoint(document, "token_endpoint"),
        endpoint(document, "jwks_uri"),
        Boolean.TRUE.equals(document.getBoolean("authorization_response_iss_parameter_supported")),
        postOnly);
  }

  private static URI endpoint(JsonObject document, String name) {
    String value = document.getString(name);
    if (value == null) {
      throw new IllegalArgumentException("no " + name);
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() != null && (scheme.equals("https") || (scheme.equals("http") && FieldReader.isLoopback(uri.getHost())))) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // reported below
    }
    throw new IllegalArgumentException(name + " is not an https URL");
  }

  static List<String> signingAlgorithms() {
    return List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
  }
}
