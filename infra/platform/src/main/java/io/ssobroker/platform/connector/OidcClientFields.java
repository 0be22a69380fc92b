package io.ssobroker.platform.connector;

import io.ssobroker.platform.Secret;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The client fields shared by the OIDC kinds, read once from {@code parameters}. */
public record OidcClientFields(String clientId, Secret clientSecret, Optional<LocalDate> clientSecretExpiresAt, List<String> scopes) {

  static final java.util.Set<String> NAMES = java.util.Set.of("clientId", "clientSecret", "clientSecretExpiresAt", "scopes");

  static OidcClientFields read(FieldReader parameters, SecretResolver secrets) {
    List<String> scopes = parameters.textList("scopes");
    if (!scopes.isEmpty() && !scopes.contains("openid")) {
      throw parameters.error("scopes", "must include openid");
    }
    return new OidcClientFields(
        parameters.requiredText("clientId"),
        secrets.resolve(parameters, "clientSecret"),
        parameters.optionalDate("clientSecretExpiresAt"),
        scopes.isEmpty() ? OidcClientSettings.DEFAULT_SCOPES : scopes);
  }

  void writeTo(JsonObject parameters) {
    parameters.put("clientId", clientId).put("scopes", new JsonArray(scopes));
    clientSecretExpiresAt.ifPresent(date -> parameters.put("clientSecretExpiresAt", date.toString()));
  }
}
