package io.ssobroker.edge.web;

import io.ssobroker.platform.config.BrokerConfig;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * {@code GET /} on the public port: what this is, the test application, and the console when its address is known
 * from here (a broker on this machine; in a deployment the admin port is not public and the edge cannot know its
 * address).
 */
public final class LandingPage {

  private final String page;

  private LandingPage(String page) {
    this.page = page;
  }

  public static LandingPage of(BrokerConfig config) {
    Optional<URI> console = onThisMachine(config.publicBaseUrl())
        ? Optional.of(URI.create("http://" + config.publicBaseUrl().getHost() + ":" + config.adminPort() + "/console"))
        : Optional.empty();
    StringBuilder body = new StringBuilder("<h1>SSO broker</h1>")
        .append("<p>Single sign-on for this product family: type your work email and the broker signs you in with ")
        .append("your organization's identity provider.</p>");
    if (config.demo().isPresent()) {
      body.append("<p class=\"demo\"><strong>Demo mode</strong>: the org <code>demo</code> with sample users and a ")
          .append("demo IdP. Sign in as <code>alice@demo.example</code>.</p>");
    }
    body.append("<a class=\"button\" href=\"").append(TestApp.PATH).append("\">Open the test application</a>");
    body.append(console.map(url -> "<p class=\"muted\">Administrators: the <a href=\"" + Html.escape(url.toString())
            + "\">admin console</a> is on the admin port.</p>")
        .orElse("<p class=\"muted\">Administrators: the admin console is on the admin port, which is not public.</p>"));
    return new LandingPage(Pages.layout("SSO broker", body.toString()));
  }

  private static boolean onThisMachine(URI publicBaseUrl) {
    String host = publicBaseUrl.getHost();
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    try {
      return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]") && InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException notAnAddress) {
      return false;
    }
  }

  void handle(RoutingContext routing) {
    Responses.html(routing, 200, page);
  }
}
