package io.ssobroker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the admin routes describe the same API: none missing, none invented. */
class AdminOpenApiTest {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  @Test
  void everyAdminRouteIsDocumentedAndEveryDocumentedOperationExists() throws IOException {
    JsonObject document;
    try (InputStream in = AdminOpenApiTest.class.getClassLoader().getResourceAsStream("admin-openapi.json")) {
      document = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(document.getString("openapi")).startsWith("3.1");
    Set<String> documented = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (METHODS.contains(method)) {
          documented.add(method.toUpperCase() + " " + path);
        }
      }
    }
    Set<String> served = AdminGateway.ROUTES.stream()
        .map(route -> route.method().name() + " " + route.path().replaceAll(":(\\w+)", "{$1}"))
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(documented).isEqualTo(served);
  }
}
