package io.ssobroker.edge.connector.saml;

import java.net.URI;

/**
 * This broker as a SAML service provider. Both values come from {@code publicBaseUrl} only, never from request
 * headers, so a spoofed {@code Host} or {@code X-Forwarded-Host} cannot change what responses must be addressed to.
 */
public record ServiceProvider(String entityId, String acsUrl) {

  public static final String METADATA_PATH = "/login/saml/metadata";
  public static final String ACS_PATH = "/login/saml/acs";

  public static ServiceProvider of(URI publicBaseUrl) {
    String base = publicBaseUrl.toString().replaceAll("/+$", "");
    return new ServiceProvider(base + METADATA_PATH, base + ACS_PATH);
  }
}
