package io.ssobroker.edge.internal.web;

import io.ssobroker.platform.config.EdgeConfig;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /} on the public port: what this is, the test application, and the console when its address is known
 * from here (a broker on this machine; in a deployment the admin port is not public and the edge cannot know its
 * address).
 */
public final class LandingPage {

  private final Map<String, Page> pages;

  private LandingPage(Map<String, Page> pages) {
    this.pages = pages;
  }

  public static LandingPage of(EdgeConfig config) {
    Optional<URI> console = onThisMachine(config.publicBaseUrl())
        ? Optional.of(URI.create("http://" + config.publicBaseUrl().getHost() + ":" + config.adminPort() + "/console"))
        : Optional.empty();
    return new LandingPage(Texts.LANGUAGES.stream().map(Texts::of)
        .collect(Collectors.toUnmodifiableMap(Texts::tag, texts -> page(texts, config.demo(), console))));
  }

  private static Page page(Texts texts, boolean demo, Optional<URI> console) {
    StringBuilder body = new StringBuilder("<h1>").append(texts.html("landing.heading")).append("</h1>")
        .append("<p>").append(texts.html("landing.text")).append("</p>");
    if (demo) {
      body.append("<p class=\"demo\">").append(texts.html("landing.demo", "demo", "alice@demo.example"))
          .append("</p>");
    }
    body.append("<a class=\"button\" href=\"").append(TestApp.PATH).append("\">")
        .append(texts.html("landing.test_app")).append("</a>");
    body.append("<p class=\"muted\">").append(console
            .map(url -> texts.html("landing.console", url.toString(), texts.text("landing.console_link")))
            .orElse(texts.html("landing.no_console"))).append("</p>");
    return Pages.layout(texts, texts.text("landing.title"), body.toString());
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
    Responses.html(routing, 200, pages.get(Texts.of(routing.request()).tag()));
  }
}
