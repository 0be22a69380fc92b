package io.ssobroker.platform.config;

import io.ssobroker.platform.Origins;
import io.ssobroker.platform.Secret;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.service.ServiceName;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads each key of the merged layers into its type, failing on the first bad value with a message naming the key. */
final class ConfigReader {

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}");
  private static final int MIN_ADMIN_TOKEN_LENGTH = 32;

  private final JsonObject merged;

  ConfigReader(JsonObject merged) {
    this.merged = merged;
  }

  BrokerConfig read() {
    URI publicBaseUrl = publicBaseUrl();
    int httpPort = port(ConfigKey.HTTP_PORT);
    int adminPort = adminPort(httpPort);
    Optional<DemoSettings> demo = demo(httpPort, adminPort);
    Path dataDir = Path.of(requiredText(ConfigKey.DATA_DIR));
    if (demo.isPresent()) {
      dataDir = dataDir.resolve(DemoSettings.DIRECTORY);
    }
    return new BrokerConfig(
        publicBaseUrl,
        requiredText(ConfigKey.LISTEN_HOST),
        httpPort,
        adminPort,
        dataDir,
        databaseUrl(),
        kafkaBootstrapServers(),
        port(ConfigKey.KAFKA_EMBEDDED_PORT),
        auditTopic(),
        auditStore(),
        demo.isPresent() ? Optional.of(dataDir.resolve(DemoSettings.CONNECTORS_FILE))
            : readableFile(ConfigKey.CONNECTORS_FILE),
        readableFile(ConfigKey.CLIENTS_FILE),
        demo.isPresent() ? Optional.of(dataDir.resolve(DemoSettings.USERS_FILE)) : readableFile(ConfigKey.USERS_FILE),
        adminToken(),
        allowedReturnOrigins(publicBaseUrl),
        services(),
        duration(ConfigKey.EVENT_BUS_TIMEOUT, Duration.ofMillis(1), Duration.ofMinutes(1)),
        loginSettings(),
        secretsKeys(),
        dnsResolver(),
        bool(ConfigKey.FILE_REMOVALS_ALLOWED),
        new ClusterSettingsReader(this).read(),
        duration(ConfigKey.SHUTDOWN_DELAY, Duration.ZERO, Duration.ofMinutes(5)),
        demo,
        consoleUrl(adminPort));
  }

  /**
   * Demo mode brings its own org, users and IdP into a data directory of its own, on the embedded engines of one
   * process: anything that would mix it with real data or a fleet is refused, naming the key.
   */
  private Optional<DemoSettings> demo(int httpPort, int adminPort) {
    if (!bool(ConfigKey.DEMO)) {
      return Optional.empty();
    }
    for (ConfigKey external : List.of(ConfigKey.DATABASE_URL, ConfigKey.KAFKA_BOOTSTRAP_SERVERS,
        ConfigKey.CONNECTORS_FILE, ConfigKey.USERS_FILE)) {
      if (text(external).isPresent()) {
        throw ConfigException.forKey(external, "cannot be set with --demo (demo.enabled), which runs on embedded "
            + "engines with its own sample data; drop --demo to use it");
      }
    }
    if (bool(ConfigKey.CLUSTER_ENABLED)) {
      throw ConfigException.forKey(ConfigKey.CLUSTER_ENABLED, "cannot be true with --demo (demo.enabled): the demo "
          + "runs in one process");
    }
    if (services().size() != ServiceName.values().length) {
      throw ConfigException.forKey(ConfigKey.SERVICES, "must name every service with --demo (demo.enabled): the "
          + "demo runs the all-in-one broker");
    }
    int idpPort = port(ConfigKey.DEMO_IDP_PORT);
    if (idpPort == httpPort || idpPort == adminPort || idpPort == port(ConfigKey.KAFKA_EMBEDDED_PORT)) {
      throw ConfigException.forKey(ConfigKey.DEMO_IDP_PORT, "must differ from http.port, admin.port and "
          + "kafka.embedded.port, got " + idpPort);
    }
    return Optional.of(new DemoSettings(idpPort));
  }

  Optional<String> text(ConfigKey key) {
    Object value = ConfigTree.get(merged, key.key());
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw ConfigException.forKey(key, "must be a single value, got " + value);
    }
    String text = value.toString().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  String requiredText(ConfigKey key) {
    return text(key).orElseThrow(() -> ConfigException.forKey(key, "must not be empty"));
  }

  /**
   * Vert.x lets its servers share a port and takes turns between them: with one port for both, the admin API would
   * answer on the public port.
   */
  private int adminPort(int httpPort) {
    int adminPort = port(ConfigKey.ADMIN_PORT);
    if (adminPort == httpPort) {
      throw ConfigException.forKey(ConfigKey.ADMIN_PORT, "must differ from http.port, got " + adminPort);
    }
    return adminPort;
  }

  int port(ConfigKey key) {
    String text = requiredText(key);
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the value
    }
    throw ConfigException.forKey(key, "must be a port number from 1 to 65535, got '" + text + "'");
  }

  /**
   * Where browsers reach the console: the origin its sign-in through the broker returns to. By default the admin port
   * on the loopback address, as the README opens it.
   */
  private URI consoleUrl(int adminPort) {
    Optional<String> text = text(ConfigKey.CONSOLE_URL);
    if (text.isEmpty()) {
      return URI.create("http://127.0.0.1:" + adminPort);
    }
    URI uri = absoluteHttpUri(ConfigKey.CONSOLE_URL, text.get());
    if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw ConfigException.forKey(ConfigKey.CONSOLE_URL, "must be an origin such as https://admin.example.com, got '"
          + text.get() + "'");
    }
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
  }

  private URI publicBaseUrl() {
    String text = requiredText(ConfigKey.PUBLIC_BASE_URL);
    URI uri = absoluteHttpUri(ConfigKey.PUBLIC_BASE_URL, text);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw ConfigException.forKey(ConfigKey.PUBLIC_BASE_URL, "must not have a query or fragment, got '" + text + "'");
    }
    String withoutTrailingSlash = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    return URI.create(withoutTrailingSlash);
  }

  private static URI absoluteHttpUri(ConfigKey key, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // reported below with the value
    }
    throw ConfigException.forKey(key, "must be an absolute http or https URL, got '" + text + "'");
  }

  private Optional<Secret> databaseUrl() {
    Optional<String> text = text(ConfigKey.DATABASE_URL);
    text.ifPresent(url -> {
      if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
        throw ConfigException.forKey(ConfigKey.DATABASE_URL, "must be a postgresql://user:password@host:port/database URL");
      }
      try {
        PgConnectOptions.fromUri(url);
      } catch (RuntimeException malformed) {
        throw ConfigException.forKey(ConfigKey.DATABASE_URL, "is not a valid postgresql:// URL");
      }
    });
    return text.map(Secret::new);
  }

  private Optional<String> kafkaBootstrapServers() {
    Optional<String> text = text(ConfigKey.KAFKA_BOOTSTRAP_SERVERS);
    text.ifPresent(servers -> {
      for (String server : servers.split(",")) {
        if (!HOST_PORT.matcher(server.trim()).matches()) {
          throw ConfigException.forKey(ConfigKey.KAFKA_BOOTSTRAP_SERVERS,
              "must be a comma-separated list of host:port, got '" + servers + "'");
        }
      }
    });
    return text;
  }

  private String auditTopic() {
    return topic(ConfigKey.AUDIT_TOPIC);
  }

  private String topic(ConfigKey key) {
    String topic = requiredText(key);
    if (!TOPIC.matcher(topic).matches()) {
      throw ConfigException.forKey(key, "must be a Kafka topic name (letters, digits, '.', '_', '-'), got '" + topic + "'");
    }
    return topic;
  }

  private BrokerConfig.AuditStoreSettings auditStore() {
    String ocsfTopic = topic(ConfigKey.AUDIT_OCSF_TOPIC);
    if (ocsfTopic.equals(auditTopic())) {
      throw ConfigException.forKey(ConfigKey.AUDIT_OCSF_TOPIC, "must differ from audit.topic, got '" + ocsfTopic + "'");
    }
    return new BrokerConfig.AuditStoreSettings(bool(ConfigKey.AUDIT_OCSF_ENABLED), ocsfTopic,
        duration(ConfigKey.AUDIT_RETENTION, Duration.ofMinutes(1), Duration.ofDays(3650)));
  }

  boolean bool(ConfigKey key) {
    String text = requiredText(key).toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw ConfigException.forKey(key, "must be true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  Optional<Path> readableFile(ConfigKey key) {
    Optional<Path> path = text(key).map(Path::of);
    path.ifPresent(file -> {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw ConfigException.forKey(key, "not a readable file: " + file);
      }
    });
    return path;
  }

  private Optional<Secret> adminToken() {
    Optional<String> token = text(ConfigKey.ADMIN_TOKEN);
    token.ifPresent(value -> {
      if (value.length() < MIN_ADMIN_TOKEN_LENGTH) {
        throw ConfigException.forKey(ConfigKey.ADMIN_TOKEN,
            "must be at least " + MIN_ADMIN_TOKEN_LENGTH + " characters long (a random value)");
      }
    });
    return token.map(Secret::new);
  }

  private List<String> allowedReturnOrigins(URI publicBaseUrl) {
    Object value = ConfigTree.get(merged, ConfigKey.ALLOWED_RETURN_ORIGINS.key());
    List<String> raw = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(item -> raw.add(String.valueOf(item)));
    } else if (value != null) {
      raw.addAll(Arrays.asList(value.toString().split(",")));
    }
    Set<String> origins = new LinkedHashSet<>();
    for (String entry : raw) {
      String text = entry.trim();
      if (!text.isEmpty()) {
        origins.add(origin(text));
      }
    }
    if (origins.isEmpty()) {
      origins.add(Origins.of(publicBaseUrl));
    }
    return List.copyOf(origins);
  }

  private static String origin(String text) {
    URI uri = absoluteHttpUri(ConfigKey.ALLOWED_RETURN_ORIGINS, text);
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!bare) {
      throw ConfigException.forKey(ConfigKey.ALLOWED_RETURN_ORIGINS,
          "each entry must be an origin such as https://app.example.com (no path), got '" + text + "'");
    }
    return Origins.of(uri);
  }

  private Set<ServiceName> services() {
    Set<ServiceName> services = EnumSet.noneOf(ServiceName.class);
    for (String id : requiredText(ConfigKey.SERVICES).split(",")) {
      String trimmed = id.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      services.add(ServiceName.byId(trimmed).orElseThrow(() -> ConfigException.forKey(ConfigKey.SERVICES,
          "unknown service '" + trimmed + "'; choose from auth-edge, connector-registry, user-directory, audit-log")));
    }
    if (services.isEmpty()) {
      throw ConfigException.forKey(ConfigKey.SERVICES, "must name at least one service");
    }
    return Set.copyOf(services);
  }

  /** {@code id:base64key,...}: 256-bit keys that wrap connector secrets; the first one wraps new secrets. */
  private Optional<Secret> secretsKeys() {
    Optional<String> text = text(ConfigKey.SECRETS_KEYS);
    text.ifPresent(keys -> {
      for (String entry : keys.split(",")) {
        String[] parts = entry.trim().split(":", 2);
        boolean valid = parts.length == 2 && parts[0].matches("[A-Za-z0-9_-]{1,32}");
        if (valid) {
          try {
            valid = java.util.Base64.getDecoder().decode(parts[1].trim()).length == 32;
          } catch (IllegalArgumentException notBase64) {
            valid = false;
          }
        }
        if (!valid) {
          throw ConfigException.forKey(ConfigKey.SECRETS_KEYS,
              "must be a comma-separated list of id:key, each key 32 random bytes in base64 (newest first)");
        }
      }
    });
    return text.map(Secret::new);
  }

  /** {@code host:port} of the DNS resolver that domain verification asks; none: the system's first nameserver. */
  private Optional<java.net.InetSocketAddress> dnsResolver() {
    return text(ConfigKey.DNS_RESOLVER).map(value -> {
      int colon = value.lastIndexOf(':');
      try {
        int port = Integer.parseInt(value.substring(colon + 1));
        if (colon > 0 && port >= 1 && port <= 65535) {
          return java.net.InetSocketAddress.createUnresolved(value.substring(0, colon), port);
        }
      } catch (NumberFormatException | StringIndexOutOfBoundsException malformed) {
        // reported below
      }
      throw ConfigException.forKey(ConfigKey.DNS_RESOLVER, "must be host:port, such as 127.0.0.1:53, got '" + value + "'");
    });
  }

  private BrokerConfig.LoginSettings loginSettings() {
    return new BrokerConfig.LoginSettings(
        duration(ConfigKey.STATE_LIFETIME, Duration.ofMinutes(1), Duration.ofHours(1)),
        duration(ConfigKey.SESSION_LIFETIME, Duration.ofMinutes(5), Duration.ofDays(30)),
        duration(ConfigKey.IDP_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(1)),
        duration(ConfigKey.IDP_CLOCK_SKEW, Duration.ZERO, Duration.ofMinutes(10)),
        new IdpAuthorities(authority(ConfigKey.IDP_AZURE_AUTHORITY), authority(ConfigKey.IDP_GOOGLE_AUTHORITY),
            oktaScheme()),
        rateLimit(),
        samlRequestSigningKey(),
        samlQueueCapacity());
  }

  private Optional<java.nio.file.Path> samlRequestSigningKey() {
    return text(ConfigKey.SAML_REQUEST_SIGNING_KEY).map(text -> {
      java.nio.file.Path file = java.nio.file.Path.of(text);
      if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
        throw ConfigException.forKey(ConfigKey.SAML_REQUEST_SIGNING_KEY, "no readable file at " + text);
      }
      return file;
    });
  }

  private int samlQueueCapacity() {
    String text = requiredText(ConfigKey.SAML_QUEUE_CAPACITY);
    try {
      int capacity = Integer.parseInt(text);
      if (capacity >= 1 && capacity <= 100_000) {
        return capacity;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the value
    }
    throw ConfigException.forKey(ConfigKey.SAML_QUEUE_CAPACITY,
        "must be a number of waiting SAML responses from 1 to 100000, got '" + text + "'");
  }

  private int rateLimit() {
    String text = requiredText(ConfigKey.LOGIN_RATE_LIMIT);
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 0 && limit <= 1_000_000) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the value
    }
    throw ConfigException.forKey(ConfigKey.LOGIN_RATE_LIMIT,
        "must be a number of login starts per minute from 0 (no limit) to 1000000, got '" + text + "'");
  }

  private URI authority(ConfigKey key) {
    String text = requiredText(key);
    URI uri = absoluteHttpUri(key, text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw ConfigException.forKey(key, "must not have a query or fragment");
    }
    return uri;
  }

  private String oktaScheme() {
    String scheme = requiredText(ConfigKey.IDP_OKTA_SCHEME);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw ConfigException.forKey(ConfigKey.IDP_OKTA_SCHEME, "must be https or http, got '" + scheme + "'");
    }
    return scheme;
  }

  private Duration duration(ConfigKey key, Duration min, Duration max) {
    String text = requiredText(key);
    try {
      Duration value = Duration.parse(text);
      if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
        return value;
      }
    } catch (DateTimeParseException malformed) {
      // reported below with the value
    }
    throw ConfigException.forKey(key, "must be an ISO-8601 duration from " + min + " to " + max + ", such as "
        + key.defaultValue().orElse("PT2S") + ", got '" + text + "'");
  }
}
