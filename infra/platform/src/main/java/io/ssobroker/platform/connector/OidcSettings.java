package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Set;

/** Any OpenID Connect provider, found through its well-known discovery URL. */
public record OidcSettings(OidcClientFields client, URI discoveryEndpoint) implements OidcClientSettings {

  private static final Set<String> FIELDS = AzureSettings.union(OidcClientFields.NAMES, Set.of("discoveryEndpoint"));

  static OidcSettings read(FieldReader parameters, SecretResolver secrets) {
    parameters.allowOnly(FIELDS);
    URI discovery = parameters.secureUrl("discoveryEndpoint", parameters.requiredText("discoveryEndpoint"));
    return new OidcSettings(OidcClientFields.read(parameters, secrets), discovery);
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.OIDC;
  }

  @Override
  public URI discoveryUrl(IdpAuthorities authorities) {
    return discoveryEndpoint;
  }

  @Override
  public JsonObject toParameters() {
    JsonObject parameters = new JsonObject().put("discoveryEndpoint", discoveryEndpoint.toString());
    client.writeTo(parameters);
    return parameters;
  }
}
