package io.ssobroker.platform.connector;

import io.ssobroker.platform.Secret;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What every OpenID Connect kind has: a confidential client at the IdP and the scopes it asks for. */
public sealed interface OidcClientSettings extends ConnectorSettings
    permits AzureSettings, GoogleSettings, OktaSettings, OidcSettings {

  List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

  OidcClientFields client();

  /** Where the discovery document is, given the configured authority base URLs. */
  URI discoveryUrl(IdpAuthorities authorities);

  default String clientId() {
    return client().clientId();
  }

  default Secret clientSecret() {
    return client().clientSecret();
  }

  default Optional<LocalDate> clientSecretExpiresAt() {
    return client().clientSecretExpiresAt();
  }

  default List<String> scopes() {
    return client().scopes();
  }
}
