package io.ssobroker.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.ssobroker.platform.config.ConfigKey;
import io.ssobroker.platform.service.ServiceName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart in infra/deploy, linted and rendered by Helm itself, its rendered manifests checked against the
 * Kubernetes API's schemas (kubernetes-models, run by node) and against what the broker needs: the committed
 * manifests are what the chart renders, and every Deployment is non-root, read-only, probed on the admin port and
 * reachable on the bus and the admin port only from the fleet.
 */
class HelmChartIT {

  private static final Path CHART = Path.of("../deploy/helm/sso-broker").toAbsolutePath().normalize();
  private static final Path RENDERED = Path.of("../deploy/kubernetes/sso-broker.yaml").toAbsolutePath().normalize();
  private static final Path NODE_PACKAGE = Path.of("src/test/node");
  private static final String REWRITE = "sso.deploy.rewrite";
  /** The Kubernetes version whose API schemas kubernetes-models ships, and the chart's lowest. */
  private static final String KUBERNETES = "1.27.1";

  @Test
  void theChartLintsCleanUnderStrictRules() {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).as("helm lint --strict").noneMatch(message -> message.contains("[ERROR]")
        || message.contains("[WARNING]"));
  }

  @Test
  void theChartDeploysTheBrokerOfThisBuild() throws Exception {
    Map<String, Object> chart = new Yaml().load(Files.readString(CHART.resolve("Chart.yaml")));
    assertThat(chart.get("appVersion")).as("Chart.yaml appVersion, the image tag by default")
        .isEqualTo(System.getProperty("sso.broker.version"));
  }

  @Test
  void theCommittedManifestsAreWhatTheChartRenders() throws Exception {
    String rendered = renderDefaults();
    if (Boolean.getBoolean(REWRITE)) {
      Files.writeString(RENDERED, rendered);
    }
    assertThat(RENDERED).as("infra/deploy/kubernetes/sso-broker.yaml; after changing the chart, rewrite it with: "
        + "mvn -pl infra/app verify -Dit.test=HelmChartIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -D"
        + REWRITE + "=true").hasContent(rendered);
  }

  @Test
  void theRenderedManifestsAreValidKubernetesObjects() throws Exception {
    Path withEverything = Files.createDirectories(Path.of("target/helm").toAbsolutePath())
        .resolve("sso-broker-everything.yaml");
    Files.writeString(withEverything, renderWithEverything());

    for (Path manifests : List.of(RENDERED, withEverything)) {
      Process node = new ProcessBuilder("node", "validate-manifests.mjs", manifests.toString())
          .directory(NODE_PACKAGE.toFile()).redirectErrorStream(true).start();
      String verdict = new String(node.getInputStream().readAllBytes());
      assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(node.exitValue()).as("kubernetes-models on %s: %s", manifests.getFileName(), verdict).isZero();
      assertThat(verdict).contains("\"errors\":[]").contains("apps/v1/Deployment")
          .contains("networking.k8s.io/v1/NetworkPolicy").contains("autoscaling/v2/HorizontalPodAutoscaler")
          .contains("policy/v1/PodDisruptionBudget");
    }
  }

  @Test
  void oneDeploymentPerServiceNonRootReadOnlyAndProbedOnTheAdminPort() throws Exception {
    Manifests manifests = Manifests.of(renderDefaults());
    Map<String, Object> config = manifests.one("ConfigMap", "sso-broker-config").map("data");

    List<Node> deployments = manifests.all("Deployment");
    assertThat(deployments.stream().map(deployment -> deployment.env("SSO_SERVICES")))
        .as("one Deployment per service").containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ServiceName.values()).map(ServiceName::id).toList());
    for (Node deployment : deployments) {
      Node pod = deployment.at("spec", "template", "spec");
      Node container = deployment.container();
      assertThat(pod.value("securityContext", "runAsNonRoot")).isEqualTo(true);
      assertThat((Integer) pod.value("securityContext", "runAsUser")).isPositive();
      assertThat(container.value("securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
      assertThat(container.value("securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
      assertThat(container.value("securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
      assertThat(pod.value("automountServiceAccountToken")).isEqualTo(false);

      assertThat(container.value("readinessProbe", "httpGet", "path")).isEqualTo("/health/ready");
      assertThat(container.value("livenessProbe", "httpGet", "path")).isEqualTo("/health/live");
      assertThat(container.value("readinessProbe", "httpGet", "port")).isEqualTo("admin");
      assertThat(container.portNumber("admin")).as("the admin port the broker listens on")
          .isEqualTo(Integer.parseInt((String) config.get("SSO_ADMIN_PORT")));
      assertThat(container.value("resources", "requests", "cpu")).isNotNull();
      assertThat(container.value("resources", "requests", "memory")).isNotNull();
      assertThat(container.mountPaths()).as("the only writable places under a read-only root")
          .contains("/tmp", (String) config.get("SSO_DATA_DIR"));
      assertThat(container.envNames()).contains("SSO_DATABASE_URL", "SSO_SECRETS_KEYS", "SSO_CLUSTER_HOST");
    }
    assertThat(deployments).as("only edges listen on the public port")
        .allMatch(deployment -> deployment.container().portNumber("http") == null
            == !"auth-edge".equals(deployment.env("SSO_SERVICES")));
  }

  @Test
  void everySettingTheChartGivesIsOneTheBrokerReads() throws Exception {
    Manifests manifests = Manifests.of(renderWithEverything());
    Set<String> known = Arrays.stream(ConfigKey.values()).map(ConfigKey::env).collect(Collectors.toSet());

    Set<String> given = new java.util.TreeSet<>(manifests.one("ConfigMap", "sso-broker-config").map("data").keySet());
    manifests.all("Deployment").forEach(deployment -> given.addAll(deployment.container().envNames()));
    given.remove("SSO_LOG_FORMAT"); // read by the logging set-up, before the configuration
    assertThat(given).isSubsetOf(known);
    assertThat(manifests.one("ConfigMap", "sso-broker-config").map("data"))
        .containsEntry("SSO_CLUSTER_ENABLED", "true")
        .containsEntry("SSO_CLUSTER_KUBERNETES_SERVICE", "sso-broker-cluster.sso-broker.svc.cluster.local");
    Node registry = manifests.one("Deployment", "sso-broker-registry");
    assertThat(registry.container().envNames()).contains("SSO_CONNECTORS_FILE", "SSO_CLIENTS_FILE");
    assertThat(manifests.one("Deployment", "sso-broker-edge").container().envNames())
        .as("only registry processes apply the declaration files").doesNotContain("SSO_CONNECTORS_FILE");
    assertThat(manifests.one("Secret", "sso-broker-secrets").map("stringData").keySet())
        .containsExactlyInAnyOrder("database-url", "secrets-keys", "admin-token");
  }

  @Test
  void edgesAutoscaleEveryServiceHasADisruptionBudgetAndMembersAreFoundByDns() throws Exception {
    Manifests manifests = Manifests.of(renderDefaults());

    Node autoscaler = manifests.one("HorizontalPodAutoscaler", "sso-broker-edge");
    assertThat(autoscaler.value("spec", "scaleTargetRef", "name")).isEqualTo("sso-broker-edge");
    assertThat(manifests.one("Deployment", "sso-broker-edge").value("spec", "replicas"))
        .as("the autoscaler owns the edges' replica count").isNull();
    for (Node deployment : manifests.all("Deployment")) {
      Object podLabels = deployment.value("spec", "template", "metadata", "labels");
      assertThat(manifests.all("PodDisruptionBudget")).as("a budget for %s", deployment.name())
          .anyMatch(budget -> matches(budget.value("spec", "selector", "matchLabels"), podLabels));
    }
    Node cluster = manifests.one("Service", "sso-broker-cluster");
    assertThat(cluster.value("spec", "clusterIP")).isEqualTo("None");
    assertThat(cluster.value("spec", "publishNotReadyAddresses")).isEqualTo(true);
  }

  @Test
  void theBusTheMembershipAndTheAdminPortAreClosedToAllButTheFleet() throws Exception {
    Manifests manifests = Manifests.of(renderDefaults());
    Map<String, String> fleetPods = Map.of("app.kubernetes.io/name", "sso-broker",
        "app.kubernetes.io/instance", "sso-broker");
    assertThat(manifests.one("NetworkPolicy", "sso-broker-fleet").value("spec", "podSelector", "matchLabels"))
        .as("applies to every broker pod").isEqualTo(fleetPods);

    for (Node policy : manifests.all("NetworkPolicy")) {
      for (Node rule : policy.list("spec", "ingress")) {
        List<Object> ports = rule.list("ports").stream().map(port -> port.value("port")).toList();
        Object from = rule.value("from");
        if (ports.contains("bus") || ports.contains("membership") || ports.contains("membership-fd")) {
          assertThat(from).as("who reaches the event bus and the membership")
              .isEqualTo(List.of(Map.of("podSelector", Map.of("matchLabels", fleetPods))));
        }
        if (ports.contains("admin")) {
          assertThat(from).as("the admin port is never open to everyone").isNotNull();
        }
        if (from == null) {
          assertThat(ports).as("the only port open to everyone").containsExactly("http");
          assertThat(policy.value("spec", "podSelector", "matchLabels", "app.kubernetes.io/component"))
              .isEqualTo("edge");
        }
      }
    }
  }

  private static boolean matches(Object selector, Object labels) {
    return selector instanceof Map<?, ?> wanted && labels instanceof Map<?, ?> present
        && present.entrySet().containsAll(wanted.entrySet());
  }

  private static String renderDefaults() {
    return new Helm(CHART).template().withName("sso-broker").withNamespace("sso-broker").withKubeVersion(KUBERNETES).call();
  }

  private static String renderWithEverything() {
    return new Helm(CHART).template().withName("sso-broker").withNamespace("sso-broker").withKubeVersion(KUBERNETES)
        .set("secrets.create", true)
        .set("secrets.databaseUrl", "postgresql://broker:not-a-real-password@postgres:5432/broker")
        .set("secrets.secretsKeys", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .set("secrets.adminToken", "not-a-real-token")
        .set("connectorsFile", "{\"acme\": {}}")
        .set("clientsFile", "{\"analytics\": {}}")
        .set("connectorSecrets.existingSecret", "sso-broker-connector-secrets")
        .call();
  }

  /** The documents of a render, by kind and name. */
  private record Manifests(List<Node> documents) {

    static Manifests of(String rendered) {
      List<Node> documents = new ArrayList<>();
      for (Object document : new Yaml().loadAll(rendered)) {
        if (document instanceof Map<?, ?>) {
          documents.add(new Node(document));
        }
      }
      return new Manifests(documents);
    }

    List<Node> all(String kind) {
      List<Node> ofKind = documents.stream().filter(document -> kind.equals(document.value("kind"))).toList();
      assertThat(ofKind).as("documents of kind %s", kind).isNotEmpty();
      return ofKind;
    }

    Node one(String kind, String name) {
      return all(kind).stream().filter(document -> name.equals(document.name())).findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }
  }

  /** One YAML value, walked by keys. */
  private record Node(Object value) {

    Object value(String... path) {
      Object at = value;
      for (String key : path) {
        if (!(at instanceof Map<?, ?> map)) {
          return null;
        }
        at = map.get(key);
      }
      return at;
    }

    Node at(String... path) {
      return new Node(value(path));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
      return (Map<String, Object>) value(key);
    }

    List<Node> list(String... path) {
      return value(path) instanceof List<?> items ? items.stream().map(Node::new).toList() : List.of();
    }

    String name() {
      return (String) value("metadata", "name");
    }

    Node container() {
      List<Node> containers = list("spec", "template", "spec", "containers");
      assertThat(containers).hasSize(1);
      return containers.get(0);
    }

    String env(String name) {
      return container().list("env").stream().filter(variable -> name.equals(variable.value("name")))
          .map(variable -> (String) variable.value("value")).findFirst().orElse(null);
    }

    List<String> envNames() {
      return list("env").stream().map(variable -> (String) variable.value("name")).toList();
    }

    List<String> mountPaths() {
      return list("volumeMounts").stream().map(mount -> (String) mount.value("mountPath")).toList();
    }

    Integer portNumber(String name) {
      return list("ports").stream().filter(port -> name.equals(port.value("name")))
          .map(port -> (Integer) port.value("containerPort")).findFirst().orElse(null);
    }
  }
}
