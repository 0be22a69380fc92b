package io.ssobroker.app.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The demo's identity provider: NAV's mock-oauth2-server, an OpenID Provider written by others, with its interactive
 * login form replaced by a page listing the demo's people. Nothing on the production path uses it.
 */
final class DemoIdp implements AutoCloseable {

  static final String ISSUER_ID = "demo";

  private final MockOAuth2Server server;
  private final URI baseUrl;

  private DemoIdp(MockOAuth2Server server, URI baseUrl) {
    this.server = server;
    this.baseUrl = baseUrl;
  }

  /**
   * @param bindHost where it listens
   * @param browserHost the host browsers and the broker reach it by (its issuer is built from the request's host)
   */
  static DemoIdp start(String bindHost, String browserHost, int port, Path loginPage) throws IOException {
    MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true, loginPage.toString(), null));
    server.start(InetAddress.getByName(bindHost), port);
    return new DemoIdp(server, URI.create("http://" + browserHost + ":" + port));
  }

  URI discoveryEndpoint() {
    return baseUrl.resolve("/" + ISSUER_ID + "/.well-known/openid-configuration");
  }

  URI baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
