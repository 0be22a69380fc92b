package io.ssobroker.platform.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code cluster.*} keys. A fleet never falls back to something weaker: no multicast (a member list or a
 * Kubernetes Service is required), no plaintext between processes (all three TLS files are required), and none of the
 * embedded engines or the generated local key, which would give each process a database, a Kafka or a key of its own.
 */
final class ClusterSettingsReader {

  private static final Pattern MEMBER = Pattern.compile("([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})");
  private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]{0,251}[A-Za-z0-9])?");

  private final ConfigReader reader;

  ClusterSettingsReader(ConfigReader reader) {
    this.reader = reader;
  }

  ClusterSettings read() {
    boolean enabled = reader.bool(ConfigKey.CLUSTER_ENABLED);
    String host = reader.requiredText(ConfigKey.CLUSTER_HOST);
    List<InetSocketAddress> members = members();
    Optional<String> kubernetesService = kubernetesService();
    Optional<ClusterSettings.Tls> tls = tls();
    if (!enabled) {
      refuseWithoutCluster(ConfigKey.CLUSTER_MEMBERS, !members.isEmpty());
      refuseWithoutCluster(ConfigKey.CLUSTER_KUBERNETES_SERVICE, kubernetesService.isPresent());
      refuseWithoutCluster(ConfigKey.CLUSTER_TLS_KEY_FILE, tls.isPresent());
      return ClusterSettings.disabled();
    }
    if (members.isEmpty() == kubernetesService.isEmpty()) {
      throw ConfigException.forKey(ConfigKey.CLUSTER_MEMBERS, "a fleet finds its members through exactly one of "
          + "cluster.members (host:port,...) and cluster.kubernetes.service (a headless Service's DNS name); "
          + "multicast is never used");
    }
    if (tls.isEmpty()) {
      throw ConfigException.forKey(ConfigKey.CLUSTER_TLS_KEY_FILE, "the event bus between processes carries "
          + "connector secrets and user data, so it runs over mutual TLS: set cluster.tls.keyFile, cluster.tls.certFile "
          + "and cluster.tls.trustFile (PEM)");
    }
    requireExternal(ConfigKey.DATABASE_URL, "an external PostgreSQL");
    requireExternal(ConfigKey.KAFKA_BOOTSTRAP_SERVERS, "an external Kafka");
    if (reader.text(ConfigKey.SECRETS_KEYS).isEmpty()) {
      throw ConfigException.forKey(ConfigKey.SECRETS_KEYS, "a fleet needs the same secrets.keys on every process "
          + "(without it, each process would generate a key of its own and could not open the others' secrets)");
    }
    int port = reader.port(ConfigKey.CLUSTER_PORT);
    int membershipPort = reader.port(ConfigKey.CLUSTER_MEMBERSHIP_PORT);
    if (membershipPort == port || membershipPort + 1 == port) {
      throw ConfigException.forKey(ConfigKey.CLUSTER_MEMBERSHIP_PORT, "must differ from cluster.port and from "
          + "cluster.port - 1 (the failure detector listens at the membership port + 1), got " + membershipPort);
    }
    return new ClusterSettings(true, clusterName(), host,
        reader.text(ConfigKey.CLUSTER_PUBLIC_HOST).orElse(host), port, membershipPort, members, kubernetesService, tls);
  }

  private void requireExternal(ConfigKey key, String what) {
    if (reader.text(key).isEmpty()) {
      throw ConfigException.forKey(key, "clustered mode (cluster.enabled) needs " + what + " that every process "
          + "shares; the embedded one serves a single process: set database.url (SSO_DATABASE_URL) and "
          + "kafka.bootstrapServers (SSO_KAFKA_BOOTSTRAP_SERVERS)");
    }
  }

  private static void refuseWithoutCluster(ConfigKey key, boolean set) {
    if (set) {
      throw ConfigException.forKey(key, "is set but cluster.enabled is false; set cluster.enabled=true to join a fleet");
    }
  }

  private String clusterName() {
    String name = reader.requiredText(ConfigKey.CLUSTER_NAME);
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw ConfigException.forKey(ConfigKey.CLUSTER_NAME, "must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return name;
  }

  private List<InetSocketAddress> members() {
    List<InetSocketAddress> members = new ArrayList<>();
    Optional<String> text = reader.text(ConfigKey.CLUSTER_MEMBERS);
    if (text.isEmpty()) {
      return members;
    }
    for (String entry : text.get().split(",")) {
      Matcher member = MEMBER.matcher(entry.trim());
      int port = member.matches() ? Integer.parseInt(member.group(2)) : 0;
      if (port < 1 || port > 65535) {
        throw ConfigException.forKey(ConfigKey.CLUSTER_MEMBERS,
            "must be a comma-separated list of host:port (membership ports), got '" + entry.trim() + "'");
      }
      String host = member.group(1).startsWith("[") ? member.group(1).substring(1, member.group(1).length() - 1)
          : member.group(1);
      members.add(InetSocketAddress.createUnresolved(host, port));
    }
    return List.copyOf(members);
  }

  private Optional<String> kubernetesService() {
    Optional<String> service = reader.text(ConfigKey.CLUSTER_KUBERNETES_SERVICE);
    service.ifPresent(name -> {
      if (!DNS_NAME.matcher(name).matches()) {
        throw ConfigException.forKey(ConfigKey.CLUSTER_KUBERNETES_SERVICE,
            "must be a DNS name, such as sso-broker-cluster.sso.svc.cluster.local, got '" + name + "'");
      }
    });
    return service;
  }

  private Optional<ClusterSettings.Tls> tls() {
    Optional<Path> key = reader.readableFile(ConfigKey.CLUSTER_TLS_KEY_FILE);
    Optional<Path> cert = reader.readableFile(ConfigKey.CLUSTER_TLS_CERT_FILE);
    Optional<Path> trust = reader.readableFile(ConfigKey.CLUSTER_TLS_TRUST_FILE);
    if (key.isEmpty() && cert.isEmpty() && trust.isEmpty()) {
      return Optional.empty();
    }
    ConfigKey missing = key.isEmpty() ? ConfigKey.CLUSTER_TLS_KEY_FILE
        : cert.isEmpty() ? ConfigKey.CLUSTER_TLS_CERT_FILE
        : trust.isEmpty() ? ConfigKey.CLUSTER_TLS_TRUST_FILE : null;
    if (missing != null) {
      throw ConfigException.forKey(missing, "must be set with the other cluster.tls files (keyFile, certFile, trustFile)");
    }
    return Optional.of(new ClusterSettings.Tls(key.get(), cert.get(), trust.get()));
  }
}
