package io.ssobroker.edge.testsaml;

import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real SAML IdP for tests: Keycloak's distribution (unpacked from Maven Central by the auth-edge build into
 * {@code target/keycloak}, found through the {@code keycloak.home} system property), started in development mode on
 * 127.0.0.1 and free ports, with an in-memory database and a realm generated for one service provider: a SAML client
 * for the SP's entity id and ACS, signing both the response and the assertion with RSA-SHA256, NameID = email, and
 * users with email, first and last name. {@link #close()} stops Keycloak and every process it started.
 *
 * <p>Blocking; call it from a test thread, never from an event loop.
 */
public final class KeycloakSamlIdp implements AutoCloseable {

  /** A user of the realm, who logs in with this username and password. */
  public record User(String username, String password, String email, String firstName, String lastName) {}

  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final Process process;
  private final Path log;
  private final int port;
  private final String realm;
  private Duration startupTime = Duration.ZERO;

  private KeycloakSamlIdp(Process process, Path log, int port, String realm) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.realm = realm;
  }

  /** The SP this IdP will answer, and how. */
  public static final class Settings {
    private final String spEntityId;
    private final String acsUrl;
    private final List<User> users = new ArrayList<>();
    private Optional<X509Certificate> requestSigningCertificate = Optional.empty();
    private String idpInitiatedName;

    public Settings(String spEntityId, String acsUrl) {
      this.spEntityId = spEntityId;
      this.acsUrl = acsUrl;
    }

    public Settings user(User user) {
      users.add(user);
      return this;
    }

    /** Keycloak then requires AuthnRequests signed by the key of this certificate. */
    public Settings requireSignedRequests(X509Certificate certificate) {
      requestSigningCertificate = Optional.of(certificate);
      return this;
    }

    /** Enables IdP-initiated login at {@code /realms/<realm>/protocol/saml/clients/<name>}. */
    public Settings idpInitiated(String name) {
      idpInitiatedName = name;
      return this;
    }
  }

  /** Starts Keycloak with a new realm for these settings and waits until the realm's metadata is served. */
  public static KeycloakSamlIdp start(Settings settings) throws IOException, InterruptedException {
    Path home = home();
    int port = FreePorts.next();
    int managementPort = FreePorts.next();
    String realm = "sso-test-" + UUID.randomUUID().toString().substring(0, 8);
    Path imports = Files.createDirectories(home.resolve("data/import"));
    Path realmFile = imports.resolve(realm + ".json");
    Files.writeString(realmFile, realm(realm, settings).encodePrettily());
    Path log = home.getParent().resolve(realm + ".log");
    ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host=" + HOST, "--http-port=" + port, "--http-management-port=" + managementPort,
        "--db=dev-mem", "--import-realm", "--log-level=WARN,org.keycloak.exportimport:INFO")
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
    builder.environment().keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_"));
    long started = System.nanoTime();
    KeycloakSamlIdp idp = new KeycloakSamlIdp(builder.start(), log, port, realm);
    try {
      idp.awaitMetadata();
      idp.startupTime = Duration.ofNanos(System.nanoTime() - started);
      return idp;
    } catch (IOException | InterruptedException | RuntimeException | Error failed) {
      idp.close();
      throw failed;
    } finally {
      Files.deleteIfExists(realmFile);
    }
  }

  private static Path home() {
    String configured = System.getProperty("keycloak.home");
    if (configured == null) {
      throw new IllegalStateException("keycloak.home is not set: run this test through Maven (auth-edge's "
          + "keycloak-idp profile unpacks Keycloak into target/keycloak), or set -Dkeycloak.home");
    }
    Path home = Path.of(configured).toAbsolutePath();
    if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException("no Keycloak distribution at " + home);
    }
    return home;
  }

  static JsonObject realm(String realm, Settings settings) {
    JsonArray users = new JsonArray();
    for (User user : settings.users) {
      users.add(new JsonObject()
          .put("username", user.username())
          .put("enabled", true)
          .put("email", user.email())
          .put("emailVerified", true)
          .put("firstName", user.firstName())
          .put("lastName", user.lastName())
          .put("requiredActions", new JsonArray())
          .put("credentials", new JsonArray().add(new JsonObject()
              .put("type", "password").put("value", user.password()).put("temporary", false))));
    }
    JsonObject attributes = new JsonObject()
        .put("saml.server.signature", "true")
        .put("saml.assertion.signature", "true")
        .put("saml.signature.algorithm", "RSA_SHA256")
        .put("saml_signature_canonicalization_method", "http://www.w3.org/2001/10/xml-exc-c14n#")
        .put("saml.authnstatement", "true")
        .put("saml.force.post.binding", "true")
        .put("saml_force_name_id_format", "true")
        .put("saml_name_id_format", "email")
        .put("saml.encrypt", "false")
        .put("saml_assertion_consumer_url_post", settings.acsUrl)
        .put("saml.client.signature", String.valueOf(settings.requestSigningCertificate.isPresent()));
    settings.requestSigningCertificate.ifPresent(certificate -> {
      try {
        attributes.put("saml.signing.certificate", Base64.getEncoder().encodeToString(certificate.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException impossible) {
        throw new IllegalStateException(impossible);
      }
    });
    if (settings.idpInitiatedName != null) {
      attributes.put("saml_idp_initiated_sso_url_name", settings.idpInitiatedName);
    }
    JsonObject client = new JsonObject()
        .put("clientId", settings.spEntityId)
        .put("name", "SSO broker under test")
        .put("protocol", "saml")
        .put("enabled", true)
        .put("frontchannelLogout", false)
        .put("redirectUris", new JsonArray().add(settings.acsUrl))
        .put("attributes", attributes)
        .put("protocolMappers", new JsonArray()
            .add(userProperty("email", "email"))
            .add(userProperty("firstName", "givenName"))
            .add(userProperty("lastName", "surname")));
    return new JsonObject()
        .put("realm", realm)
        .put("enabled", true)
        .put("sslRequired", "none")
        .put("users", users)
        .put("clients", new JsonArray().add(client));
  }

  private static JsonObject userProperty(String property, String attributeName) {
    return new JsonObject()
        .put("name", attributeName)
        .put("protocol", "saml")
        .put("protocolMapper", "saml-user-property-mapper")
        .put("consentRequired", false)
        .put("config", new JsonObject()
            .put("user.attribute", property)
            .put("attribute.name", attributeName)
            .put("attribute.nameformat", "Basic"));
  }

  private void awaitMetadata() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long giveUp = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < giveUp) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(metadataUrl())
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Keycloak did not serve its SAML metadata within " + START_TIMEOUT + ":\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  public URI baseUrl() {
    return URI.create("http://" + HOST + ":" + port);
  }

  /** The realm's IdP entity id, as its metadata, responses and assertions say. */
  public String entityId() {
    return baseUrl() + "/realms/" + realm;
  }

  public URI metadataUrl() {
    return URI.create(entityId() + "/protocol/saml/descriptor");
  }

  public URI ssoUrl() {
    return URI.create(entityId() + "/protocol/saml");
  }

  public String realm() {
    return realm;
  }

  /** From process start until the realm's metadata was served. */
  public Duration startupTime() {
    return startupTime;
  }

  public Path log() {
    return log;
  }

  /** Stops Keycloak and every process it started: TERM, then KILL after 30 seconds. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      tree.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle child : tree) {
      child.onExit().toCompletableFuture().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }
}
