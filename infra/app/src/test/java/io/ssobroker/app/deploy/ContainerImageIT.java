package io.ssobroker.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The OCI image as a container runtime runs it: built by {@code infra/deploy/image/build-image} without a Docker
 * daemon, unpacked by umoci into a runtime bundle, and started from the bundle's own root filesystem, user, working
 * directory, environment and entrypoint, with the root filesystem read-only as the Helm chart mounts it and only
 * the data volume and {@code /tmp} writable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageIT {

  private static final Path JAR = Path.of(System.getProperty("sso.broker.jar", "target/sso-broker.jar"));
  private static final Path BUILD_SCRIPT = Path.of("../deploy/image/build-image");
  private static final String TAG = "it";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path work = Path.of("target/container-image");
  private final int httpPort = FreePorts.next();
  private final int adminPort = FreePorts.next();
  private Path rootfs;
  private Path data;
  private JsonObject runtime;
  private Process broker;

  @BeforeAll
  void buildAndStartTheImage() throws Exception {
    assertThat(JAR).as("the runnable jar built by the package phase").isRegularFile();
    run(List.of("rm", "-rf", work.toString()), Path.of("target/container-image-clean.log"), Duration.ofMinutes(1));
    run(List.of(BUILD_SCRIPT.toString(), JAR.toString(), work.resolve("image").toString(), TAG),
        work.resolve("build-image.log"), Duration.ofMinutes(10));
    Path bundle = work.resolve("bundle");
    run(List.of("umoci", "unpack", "--image", work.resolve("image/oci") + ":" + TAG, bundle.toString()),
        work.resolve("unpack.log"), Duration.ofMinutes(3));
    rootfs = bundle.resolve("rootfs").toAbsolutePath();
    runtime = new JsonObject(Files.readString(bundle.resolve("config.json")));
    data = Files.createDirectories(work.resolve("data")).toAbsolutePath();
    run(List.of("chown", uid() + ":" + gid(), data.toString()), work.resolve("chown.log"), Duration.ofSeconds(10));
    broker = startFromTheBundle();
  }

  @AfterAll
  void stopTheBroker() throws Exception {
    if (broker != null && broker.isAlive()) {
      broker.destroyForcibly();
      broker.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void theImageRunsAsItsOwnUnprivilegedUserFromItsEntrypoint() throws Exception {
    JsonObject process = runtime.getJsonObject("process");
    assertThat(process.getJsonObject("user").getInteger("uid")).as("the image's user").isEqualTo(10001);
    assertThat(process.getJsonArray("args").getList()).as("the image's entrypoint")
        .containsSubsequence("java", "-jar", "/opt/sso-broker/sso-broker.jar");
    assertThat(process.getString("cwd")).isEqualTo("/var/lib/sso-broker");

    awaitReady();
    List<String> status = Files.readAllLines(Path.of("/proc", String.valueOf(broker.pid()), "status"));
    assertThat(status).as("the broker's process runs as uid 10001, never root")
        .anyMatch(line -> line.matches("Uid:\\s+10001\\s+10001\\s+10001\\s+10001"));
    assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(broker.pid()), "root")))
        .as("its root is the image's filesystem").isEqualTo(rootfs);
  }

  @Test
  @Order(2)
  void theBrokerServesFromAReadOnlyRootAndWritesOnlyItsDataVolume() throws Exception {
    awaitReady();
    HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/.well-known/openid-configuration")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(discovery.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(discovery.body()).getString("issuer")).isEqualTo("http://127.0.0.1:" + httpPort);

    List<String> mounts = Files.readAllLines(Path.of("/proc", String.valueOf(broker.pid()), "mountinfo"));
    assertThat(mounts).as("the root filesystem, as the broker sees it, is mounted read-only")
        .anyMatch(line -> line.split(" ")[4].equals("/") && line.split(" ")[5].startsWith("ro"));
    assertThat(data.resolve("postgres")).as("the embedded engines keep their data on the volume").isDirectory();
    PosixFileAttributes owner = Files.readAttributes(data.resolve("secrets.key"), PosixFileAttributes.class);
    assertThat(owner.owner().getName()).as("files written by the image's user").isIn("10001", "sso");
  }

  @Test
  @Order(3)
  void sigtermStopsTheBrokerInOrder() throws Exception {
    awaitReady();
    broker.destroy();
    assertThat(broker.waitFor(90, TimeUnit.SECONDS)).as("the broker stops on SIGTERM").isTrue();
    assertThat(broker.exitValue()).as("exit code after SIGTERM:\n%s", output()).isZero();
    assertThat(output()).contains("SSO broker stopped");
  }

  /**
   * What a runtime does with an OCI bundle, with util-linux and coreutils: a private mount namespace, the root
   * filesystem bound read-only, /dev, /proc, a tmpfs /tmp and the data volume mounted into it, then the bundle's
   * process (user, cwd, environment, args) inside a chroot.
   */
  private Process startFromTheBundle() throws Exception {
    JsonObject process = runtime.getJsonObject("process");
    Map<String, String> environment = new LinkedHashMap<>();
    for (Object entry : process.getJsonArray("env")) {
      String[] pair = ((String) entry).split("=", 2);
      environment.put(pair[0], pair[1]);
    }
    environment.put("SSO_LISTEN_HOST", "127.0.0.1");
    environment.put("SSO_HTTP_PORT", String.valueOf(httpPort));
    environment.put("SSO_ADMIN_PORT", String.valueOf(adminPort));
    environment.put("SSO_KAFKA_PORT", String.valueOf(FreePorts.next()));
    environment.put("SSO_PUBLIC_BASE_URL", "http://127.0.0.1:" + httpPort);
    environment.put("SSO_LOG_FORMAT", "json");

    List<String> inside = new ArrayList<>(List.of("chroot", "--userspec=" + uid() + ":" + gid(), rootfs.toString(),
        "/usr/bin/env", "-i", "--chdir=" + process.getString("cwd")));
    environment.forEach((name, value) -> inside.add(name + "=" + value));
    JsonArray args = process.getJsonArray("args");
    args.forEach(arg -> inside.add((String) arg));

    String mounts = String.join(" && ",
        "mount --bind " + rootfs + " " + rootfs,
        "mount -o remount,bind,ro " + rootfs,
        "mount --rbind /dev " + rootfs + "/dev",
        "mount -t proc proc " + rootfs + "/proc",
        "mount -t tmpfs -o mode=1777 tmpfs " + rootfs + "/tmp",
        "mount --bind " + data + " " + rootfs + "/var/lib/sso-broker",
        "exec \"$@\"");
    List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
        "sh", "-c", mounts, "sh"));
    command.addAll(inside);
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("broker.log").toFile()).start();
  }

  private void awaitReady() throws Exception {
    Instant giveUp = Instant.now().plusSeconds(120);
    String last = "(no answer)";
    while (Instant.now().isBefore(giveUp)) {
      assertThat(broker.isAlive()).as("the broker from the image is running:\n%s", output()).isTrue();
      try {
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
        last = ready.body();
      } catch (java.io.IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the broker from the image is not ready: " + last + "\n" + output());
  }

  private int uid() {
    return runtime.getJsonObject("process").getJsonObject("user").getInteger("uid");
  }

  private int gid() {
    return runtime.getJsonObject("process").getJsonObject("user").getInteger("gid");
  }

  private String output() {
    try {
      return Files.readString(work.resolve("broker.log"));
    } catch (java.io.IOException unreadable) {
      return "(no output: " + unreadable + ")";
    }
  }

  private static void run(List<String> command, Path log, Duration timeout) throws Exception {
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
    assertThat(process.exitValue()).as("%s exit code; its output:\n%s", command, Files.readString(log)).isZero();
  }
}
