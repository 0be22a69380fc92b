package io.ssobroker.app.demo;

import io.ssobroker.edge.web.Html;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;

/**
 * The demo's declarations, written into its data directory at each start and applied like any operator's files: the
 * connectors file (the demo org, its verified domain and its OIDC connector to the demo IdP), the users file, and the
 * demo IdP's login page.
 */
final class DemoFiles {

  static final String CLIENT_ID = "sso-broker-demo";
  static final String CONNECTOR_NAME = "Demo IdP (sample data)";
  private static final String LOGIN_PAGE = "demo-idp-login.html";
  /** The demo IdP takes any client secret; the connector still needs one. */
  private static final String CLIENT_SECRET = "demo-idp-takes-any-secret";

  private DemoFiles() {}

  static void writeConnectors(Path file, URI discoveryEndpoint) {
    JsonObject connector = new JsonObject()
        .put("kind", "oidc")
        .put("displayName", CONNECTOR_NAME)
        .put("domains", new JsonArray().add(DemoUser.DOMAIN))
        .put("parameters", new JsonObject()
            .put("discoveryEndpoint", discoveryEndpoint.toString())
            .put("clientId", CLIENT_ID)
            .put("clientSecret", CLIENT_SECRET));
    write(file, new JsonObject().put(DemoUser.ORG, new JsonArray().add(connector)).encodePrettily());
  }

  static void writeUsers(Path file) {
    write(file, DemoUser.ALL.stream().filter(DemoUser::inDirectory)
        .map(user -> user.directoryEntry().encode()).collect(Collectors.joining("\n", "", "\n")));
  }

  static Path writeLoginPage(Path directory) {
    String people = DemoUser.ALL.stream().map(DemoFiles::personForm).collect(Collectors.joining("\n"));
    Path page = directory.resolve(LOGIN_PAGE);
    write(page, template().replace("<!-- people -->", people));
    return page;
  }

  /** A form that posts, to the authorization request's own URL, what mock-oauth2-server's login form would. */
  private static String personForm(DemoUser user) {
    return """
            <li><form method="post">
              <input type="hidden" name="username" value="%s">
              <input type="hidden" name="claims" value="%s">
              <button type="submit"><span class="who">%s &lt;%s&gt;</span><span class="what">%s</span></button>
            </form></li>""".formatted(Html.escape(user.email()), Html.escape(user.claims().encode()),
        Html.escape(user.name()), Html.escape(user.email()), Html.escape(user.outcome()));
  }

  private static String template() {
    try (InputStream in = DemoFiles.class.getResourceAsStream("/demo/idp-login.html")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  /** Whole or not at all: a crash while writing never leaves half a file for the next start to read. */
  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      Files.writeString(partial, content, StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException failure) {
      throw new UncheckedIOException("cannot write the demo's " + file + ": " + failure.getMessage(), failure);
    }
  }
}
