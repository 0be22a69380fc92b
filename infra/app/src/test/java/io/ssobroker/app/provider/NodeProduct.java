package io.ssobroker.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A product written with panva's openid-client (src/test/node/product.mjs), run by node: a relying party nobody here
 * wrote the protocol code of. Fails (never skips) when node or the package is missing: {@code .ci/run} installs them.
 */
final class NodeProduct implements AutoCloseable {

  private static final Path PACKAGE = Path.of("src", "test", "node");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final StringBuilder output = new StringBuilder();
  final String baseUrl;

  private NodeProduct(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** The product's redirect URI when it serves at this host and port: what its client registers. */
  static URI redirectUri(String host, int port) {
    return URI.create("http://" + host + ":" + port + "/callback");
  }

  static NodeProduct start(String issuer, String clientId, Optional<String> secret, String host, int port)
      throws Exception {
    assertThat(PACKAGE.resolve("node_modules").resolve("openid-client").resolve("package.json"))
        .as("openid-client installed: npm ci --prefix infra/app/src/test/node (.ci/run does)").exists();
    ProcessBuilder builder = new ProcessBuilder("node", "product.mjs").directory(PACKAGE.toFile())
        .redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.put("ISSUER", issuer);
    environment.put("CLIENT_ID", clientId);
    secret.ifPresent(value -> environment.put("CLIENT_SECRET", value));
    environment.put("HOST", host);
    environment.put("PORT", String.valueOf(port));
    Process process;
    try {
      process = builder.start();
    } catch (IOException missing) {
      throw new AssertionError("node is needed to run the openid-client product (apt-get install nodejs npm)", missing);
    }
    NodeProduct product = new NodeProduct(process, "http://" + host + ":" + port);
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> product.read(listening), "node-product-" + clientId);
    reader.setDaemon(true);
    reader.start();
    try {
      listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception failed) {
      product.close();
      throw new AssertionError("the node product did not start: " + product.output(), failed);
    }
    return product;
  }

  private void read(CompletableFuture<Void> listening) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (line.startsWith("LISTENING ")) {
          listening.complete(null);
        }
      }
    } catch (IOException closed) {
      // the process ended
    }
    listening.completeExceptionally(new IllegalStateException("node exited"));
  }

  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** What the product got from its last sign-in: the ID token's claims as the library checked them, and userinfo. */
  JsonObject lastSignIn() throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/last"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("the product signed someone in; its output: %s", output()).isEqualTo(200);
    return new JsonObject(answer.body());
  }

  /** One of the product's own JSON routes (refresh, introspect, revoke), as its user's next request would trigger it. */
  JsonObject call(String path) throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.headers().firstValue("content-type")).as("%s: %s\n%s", path, answer.body(), output())
        .hasValue("application/json");
    return new JsonObject(answer.body());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
