package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Google Workspace: the token's {@code hd} must equal {@code hostedDomain}, and {@code email_verified} be true. */
public record GoogleSettings(OidcClientFields client, String hostedDomain) implements OidcClientSettings {

  private static final Set<String> FIELDS = AzureSettings.union(OidcClientFields.NAMES, Set.of("hostedDomain"));

  static GoogleSettings read(FieldReader parameters, SecretResolver secrets) {
    parameters.allowOnly(FIELDS);
    String hostedDomain = parameters.requiredText("hostedDomain").toLowerCase(Locale.ROOT);
    if (!DomainNames.isValid(hostedDomain)) {
      throw parameters.error("hostedDomain", "must be a domain name such as acme.com");
    }
    return new GoogleSettings(OidcClientFields.read(parameters, secrets), hostedDomain);
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.GOOGLE;
  }

  @Override
  public URI discoveryUrl(IdpAuthorities authorities) {
    return URI.create(authorities.google() + "/.well-known/openid-configuration");
  }

  @Override
  public JsonObject toParameters() {
    JsonObject parameters = new JsonObject().put("hostedDomain", hostedDomain);
    client.writeTo(parameters);
    return parameters;
  }
}
