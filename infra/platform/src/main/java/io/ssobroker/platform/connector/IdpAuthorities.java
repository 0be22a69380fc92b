package io.ssobroker.platform.connector;

import java.net.URI;

/**
 * Base URLs of the IdP presets. Production uses the vendors' own; tests point them at a local IdP.
 *
 * @param azure Microsoft Entra ID authority, {@code https://login.microsoftonline.com}
 * @param google Google's issuer, {@code https://accounts.google.com}
 * @param oktaScheme the scheme put in front of an {@code oktaDomain}, {@code https}
 */
public record IdpAuthorities(URI azure, URI google, String oktaScheme) {

  public static final IdpAuthorities VENDORS =
      new IdpAuthorities(URI.create("https://login.microsoftonline.com"), URI.create("https://accounts.google.com"), "https");
}
