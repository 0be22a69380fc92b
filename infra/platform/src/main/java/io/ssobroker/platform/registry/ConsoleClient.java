package io.ssobroker.platform.registry;

import io.ssobroker.platform.client.ClientDefinition.SigningAlgorithm;
import io.ssobroker.platform.client.ClientType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The admin console as a client of the broker's own OpenID Provider: the directory's org admins sign in to it with
 * their org's IdP. It is built in (not in the clients table, not changeable through the API), public with PKCE, and
 * its one redirect URI is on the console's origin ({@code console.url}).
 */
public final class ConsoleClient {

  public static final String CLIENT_ID = "sso-console";
  public static final String CALLBACK_PATH = "/console/sso/callback";
  private static final Duration SHORT = Duration.ofMinutes(5);

  private ConsoleClient() {}

  public static URI redirectUri(URI consoleUrl) {
    return URI.create(consoleUrl + CALLBACK_PATH);
  }

  public static ClientDescriptor descriptor(URI consoleUrl) {
    return new ClientDescriptor(CLIENT_ID, "SSO broker console", ClientType.PUBLIC, Optional.empty(),
        List.of(redirectUri(consoleUrl)), List.of(), Optional.empty(), List.of(), SHORT, SHORT, false, SHORT,
        CLIENT_ID, SigningAlgorithm.ES256);
  }
}
