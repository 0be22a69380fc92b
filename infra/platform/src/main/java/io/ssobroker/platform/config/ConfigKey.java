package io.ssobroker.platform.config;

import java.util.Arrays;
import java.util.Optional;

/** Every configuration key with its environment variable, command-line flag and default (SPEC section 3, plus our own). */
public enum ConfigKey {
  PUBLIC_BASE_URL("publicBaseUrl", "SSO_PUBLIC_BASE_URL", "--public-base-url", "http://localhost:8080"),
  LISTEN_HOST("listenHost", "SSO_LISTEN_HOST", "--listen-host", "127.0.0.1"),
  HTTP_PORT("http.port", "SSO_HTTP_PORT", "--http-port", "8080"),
  ADMIN_PORT("admin.port", "SSO_ADMIN_PORT", "--admin-port", "8081"),
  CONSOLE_URL("console.url", "SSO_CONSOLE_URL", "--console-url", null),
  DATA_DIR("dataDir", "SSO_DATA_DIR", "--data-dir", "./data"),
  DATABASE_URL("database.url", "SSO_DATABASE_URL", "--database-url", null),
  KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrapServers", "SSO_KAFKA_BOOTSTRAP_SERVERS", "--kafka-bootstrap-servers", null),
  KAFKA_EMBEDDED_PORT("kafka.embedded.port", "SSO_KAFKA_PORT", "--kafka-port", "9092"),
  AUDIT_TOPIC("audit.topic", "SSO_AUDIT_TOPIC", "--audit-topic", "sso.audit.v1"),
  AUDIT_OCSF_ENABLED("audit.ocsf.enabled", "SSO_AUDIT_OCSF_ENABLED", "--audit-ocsf-enabled", "false"),
  AUDIT_OCSF_TOPIC("audit.ocsf.topic", "SSO_AUDIT_OCSF_TOPIC", "--audit-ocsf-topic", "sso.audit.ocsf.v1"),
  AUDIT_RETENTION("audit.retention", "SSO_AUDIT_RETENTION", "--audit-retention", "P365D"),
  CONNECTORS_FILE("connectorsFile", "SSO_CONNECTORS_FILE", "--connectors-file", null),
  CLIENTS_FILE("clientsFile", "SSO_CLIENTS_FILE", "--clients-file", null),
  USERS_FILE("usersFile", "SSO_USERS_FILE", "--users-file", null),
  ADMIN_TOKEN("adminToken", "SSO_ADMIN_TOKEN", "--admin-token", null),
  ALLOWED_RETURN_ORIGINS("allowedReturnOrigins", "SSO_ALLOWED_RETURN_ORIGINS", "--allowed-return-origins", null),
  SERVICES("services", "SSO_SERVICES", "--services", "auth-edge,connector-registry,user-directory,audit-log"),
  EVENT_BUS_TIMEOUT("eventBus.requestTimeout", "SSO_EVENT_BUS_TIMEOUT", "--event-bus-timeout", "PT2S"),
  STATE_LIFETIME("state.lifetime", "SSO_STATE_LIFETIME", "--state-lifetime", "PT10M"),
  SESSION_LIFETIME("session.lifetime", "SSO_SESSION_LIFETIME", "--session-lifetime", "PT8H"),
  IDP_TIMEOUT("idp.timeout", "SSO_IDP_TIMEOUT", "--idp-timeout", "PT5S"),
  IDP_CLOCK_SKEW("idp.clockSkew", "SSO_IDP_CLOCK_SKEW", "--idp-clock-skew", "PT2M"),
  IDP_AZURE_AUTHORITY("idp.azure.authority", "SSO_IDP_AZURE_AUTHORITY", "--idp-azure-authority",
      "https://login.microsoftonline.com"),
  IDP_GOOGLE_AUTHORITY("idp.google.authority", "SSO_IDP_GOOGLE_AUTHORITY", "--idp-google-authority",
      "https://accounts.google.com"),
  IDP_OKTA_SCHEME("idp.okta.scheme", "SSO_IDP_OKTA_SCHEME", "--idp-okta-scheme", "https"),
  LOGIN_RATE_LIMIT("login.rateLimitPerMinute", "SSO_LOGIN_RATE_LIMIT", "--login-rate-limit", "300"),
  SAML_REQUEST_SIGNING_KEY("saml.requestSigningKey", "SSO_SAML_REQUEST_SIGNING_KEY", "--saml-request-signing-key",
      null),
  SAML_QUEUE_CAPACITY("saml.queueCapacity", "SSO_SAML_QUEUE_CAPACITY", "--saml-queue-capacity", "200"),
  SECRETS_KEYS("secrets.keys", "SSO_SECRETS_KEYS", "--secrets-keys", null),
  DNS_RESOLVER("dns.resolver", "SSO_DNS_RESOLVER", "--dns-resolver", null),
  FILE_REMOVALS_ALLOWED("fileSync.allowRemovals", "SSO_FILE_SYNC_ALLOW_REMOVALS", "--file-sync-allow-removals",
      "false"),
  SHUTDOWN_DELAY("shutdown.delay", "SSO_SHUTDOWN_DELAY", "--shutdown-delay", "PT0S"),
  CLUSTER_ENABLED("cluster.enabled", "SSO_CLUSTER_ENABLED", "--cluster-enabled", "false"),
  CLUSTER_NAME("cluster.name", "SSO_CLUSTER_NAME", "--cluster-name", "sso-broker"),
  CLUSTER_HOST("cluster.host", "SSO_CLUSTER_HOST", "--cluster-host", "127.0.0.1"),
  CLUSTER_PUBLIC_HOST("cluster.publicHost", "SSO_CLUSTER_PUBLIC_HOST", "--cluster-public-host", null),
  CLUSTER_PORT("cluster.port", "SSO_CLUSTER_PORT", "--cluster-port", "7800"),
  CLUSTER_MEMBERSHIP_PORT("cluster.membershipPort", "SSO_CLUSTER_MEMBERSHIP_PORT", "--cluster-membership-port",
      "7900"),
  CLUSTER_MEMBERS("cluster.members", "SSO_CLUSTER_MEMBERS", "--cluster-members", null),
  CLUSTER_KUBERNETES_SERVICE("cluster.kubernetes.service", "SSO_CLUSTER_KUBERNETES_SERVICE",
      "--cluster-kubernetes-service", null),
  CLUSTER_TLS_KEY_FILE("cluster.tls.keyFile", "SSO_CLUSTER_TLS_KEY_FILE", "--cluster-tls-key-file", null),
  CLUSTER_TLS_CERT_FILE("cluster.tls.certFile", "SSO_CLUSTER_TLS_CERT_FILE", "--cluster-tls-cert-file", null),
  CLUSTER_TLS_TRUST_FILE("cluster.tls.trustFile", "SSO_CLUSTER_TLS_TRUST_FILE", "--cluster-tls-trust-file", null),
  /** A switch: {@code --demo} alone means true. */
  DEMO("demo.enabled", "SSO_DEMO", "--demo", "false"),
  DEMO_IDP_PORT("demo.idpPort", "SSO_DEMO_IDP_PORT", "--demo-idp-port", "8082");

  private final String key;
  private final String env;
  private final String flag;
  private final String defaultValue;

  ConfigKey(String key, String env, String flag, String defaultValue) {
    this.key = key;
    this.env = env;
    this.flag = flag;
    this.defaultValue = defaultValue;
  }

  public String key() {
    return key;
  }

  public String env() {
    return env;
  }

  public String flag() {
    return flag;
  }

  /** A flag that may stand alone on the command line, meaning {@code true}. */
  public boolean isSwitch() {
    return this == DEMO;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public static Optional<ConfigKey> byFlag(String flag) {
    return Arrays.stream(values()).filter(k -> k.flag.equals(flag)).findFirst();
  }
}
