package io.ssobroker.platform.connector;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of identity provider a connector speaks to (SPEC section 4). */
public enum ConnectorKind {
  AZURE("azure", "Microsoft Entra ID"),
  GOOGLE("google", "Google Workspace"),
  OKTA("okta", "Okta"),
  OIDC("oidc", "OpenID Connect"),
  SAML("saml", "SAML 2.0");

  private final String value;
  private final String label;

  ConnectorKind(String value, String label) {
    this.value = value;
    this.label = label;
  }

  public String value() {
    return value;
  }

  /** The default button label. */
  public String label() {
    return label;
  }

  public boolean isOidc() {
    return this != SAML;
  }

  public static Optional<ConnectorKind> parse(String value) {
    return Arrays.stream(values()).filter(k -> k.value.equals(value)).findFirst();
  }
}
