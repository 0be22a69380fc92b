package io.ssobroker.registry;

import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.connector.SamlCertificateExpiry;
import io.ssobroker.platform.connector.SamlSettings;
import java.time.LocalDate;

/** When a connector's credential runs out: an OIDC client secret's declared expiry, a SAML IdP's certificates. */
public final class CredentialExpiry {

  private CredentialExpiry() {}

  /** Null when not declared, or not an OIDC connector. */
  public static LocalDate clientSecret(ConnectorDefinition definition) {
    return definition.settings() instanceof OidcClientSettings oidc ? oidc.clientSecretExpiresAt().orElse(null) : null;
  }

  /** Null when not written in the connector (a metadata URL), or not a SAML connector. */
  public static LocalDate certificate(ConnectorDefinition definition) {
    return definition.settings() instanceof SamlSettings saml ? SamlCertificateExpiry.of(saml).orElse(null) : null;
  }
}
