package io.ssobroker.app.demo;

import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.platform.config.DemoSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: before the services start, the demo IdP runs on its own port and the demo's files are written for
 * the registry and the directory to apply like an operator's; once the broker is ready, what to open and whom to sign
 * in as.
 */
public final class DemoMode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);

  private final BrokerConfig config;
  private final DemoIdp idp;

  private DemoMode(BrokerConfig config, DemoIdp idp) {
    this.config = config;
    this.idp = idp;
  }

  public static DemoMode start(BrokerConfig config, DemoSettings demo) throws IOException {
    Path directory = config.dataDir();
    Path loginPage = DemoFiles.writeLoginPage(directory);
    DemoIdp idp = DemoIdp.start(config.listenHost(), browserHost(config.publicBaseUrl()), demo.idpPort(), loginPage);
    try {
      DemoFiles.writeConnectors(config.connectorsFile().orElseThrow(), idp.discoveryEndpoint());
      DemoFiles.writeUsers(config.usersFile().orElseThrow());
    } catch (RuntimeException failure) {
      idp.close();
      throw failure;
    }
    LOG.info("demo IdP (mock-oauth2-server) listening at {}", idp.baseUrl());
    return new DemoMode(config, idp);
  }

  /** The broker's own host, except that {@code localhost} may resolve to ::1 where the IdP does not listen. */
  private static String browserHost(URI publicBaseUrl) {
    String host = publicBaseUrl.getHost();
    return "localhost".equalsIgnoreCase(host) ? "127.0.0.1" : host;
  }

  public URI testApp() {
    return URI.create(config.publicBaseUrl() + "/test-app");
  }

  public URI console() {
    return URI.create("http://" + browserHost(config.publicBaseUrl()) + ":" + config.adminPort() + "/console");
  }

  /** On standard output, for the person who just started it, and one line in the log. */
  public void announce(PrintStream out) {
    LOG.info("demo ready: open {} and sign in as {}; demo IdP at {}; console at {}", testApp(),
        DemoUser.ALL.get(0).email(), idp.baseUrl(), console());
    out.println();
    out.println("================================================================================");
    out.println(" SSO broker demo (sample data in " + config.dataDir().toAbsolutePath().normalize() + ")");
    out.println();
    out.println("   1. Open " + testApp());
    out.println("   2. Sign in with the email " + DemoUser.ALL.get(0).email() + ": the broker sends you to the demo IdP");
    out.println("      (" + idp.baseUrl() + "), where you choose who you are:");
    for (DemoUser user : DemoUser.ALL) {
      out.println("        " + user.email() + " " + user.outcome());
    }
    out.println();
    out.println("   Admin console: " + console());
    out.println("   Admin token:   in " + DemoAdminToken.file(config.dataDir()).toAbsolutePath().normalize());
    out.println("================================================================================");
    out.println();
    out.flush();
  }

  @Override
  public void close() {
    idp.close();
  }
}
