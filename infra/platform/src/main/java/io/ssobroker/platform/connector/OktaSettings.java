package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Okta Workforce: the org authorization server, or a custom one when {@code authorizationServerId} is set. */
public record OktaSettings(OidcClientFields client, String oktaDomain, Optional<String> authorizationServerId)
    implements OidcClientSettings {

  private static final Set<String> FIELDS =
      AzureSettings.union(OidcClientFields.NAMES, Set.of("oktaDomain", "authorizationServerId"));
  private static final Pattern HOST_AND_PORT = Pattern.compile("[a-z0-9.-]+(:\\d{1,5})?");
  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static OktaSettings read(FieldReader parameters, SecretResolver secrets) {
    parameters.allowOnly(FIELDS);
    String domain = parameters.requiredText("oktaDomain").toLowerCase(Locale.ROOT);
    if (domain.startsWith("https://")) {
      domain = domain.substring("https://".length());
    }
    if (domain.endsWith("/")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    if (!HOST_AND_PORT.matcher(domain).matches()) {
      throw parameters.error("oktaDomain", "must be a host name such as acme.okta.com");
    }
    Optional<String> serverId = parameters.optionalText("authorizationServerId");
    if (serverId.isPresent() && !SERVER_ID.matcher(serverId.get()).matches()) {
      throw parameters.error("authorizationServerId", "must be an Okta authorization server id such as default");
    }
    return new OktaSettings(OidcClientFields.read(parameters, secrets), domain, serverId);
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.OKTA;
  }

  @Override
  public URI discoveryUrl(IdpAuthorities authorities) {
    String server = authorizationServerId.map(id -> "/oauth2/" + id).orElse("");
    return URI.create(authorities.oktaScheme() + "://" + oktaDomain + server + "/.well-known/openid-configuration");
  }

  @Override
  public JsonObject toParameters() {
    JsonObject parameters = new JsonObject().put("oktaDomain", oktaDomain);
    authorizationServerId.ifPresent(id -> parameters.put("authorizationServerId", id));
    client.writeTo(parameters);
    return parameters;
  }
}
