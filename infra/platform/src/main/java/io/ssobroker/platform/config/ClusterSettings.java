package io.ssobroker.platform.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How this process joins the others of its fleet: the clustered event bus (services ask each other across processes)
 * and the membership that tells each process where the others are. Off by default: the all-in-one process needs
 * neither.
 *
 * @param enabled whether this process is one of a fleet
 * @param name the fleet's name: processes of another name never join this one
 * @param host the address this process binds the event bus and membership to
 * @param publicHost the address the others reach it at (behind NAT or in a pod, it may differ from {@code host})
 * @param port the event bus port
 * @param membershipPort the membership port (JGroups); its failure detector listens at this port + 1
 * @param members static discovery: the membership addresses to ask first (any live member is enough)
 * @param kubernetesService Kubernetes discovery: the DNS name of a headless Service whose A records are the members
 * @param tls the PEM files of mutual TLS, for the event bus and the membership alike
 */
public record ClusterSettings(
    boolean enabled,
    String name,
    String host,
    String publicHost,
    int port,
    int membershipPort,
    List<InetSocketAddress> members,
    Optional<String> kubernetesService,
    Optional<Tls> tls) {

  /**
   * @param keyFile this process's private key (PKCS#8 PEM)
   * @param certFile its certificate chain (PEM)
   * @param trustFile the certificate authorities that sign the fleet's certificates (PEM)
   */
  public record Tls(Path keyFile, Path certFile, Path trustFile) {}

  public static ClusterSettings disabled() {
    return new ClusterSettings(false, "sso-broker", "127.0.0.1", "127.0.0.1", 7800, 7900, List.of(), Optional.empty(),
        Optional.empty());
  }
}
