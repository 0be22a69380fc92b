package io.ssobroker.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.admin.AdminScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The admin API's document is the source of its routes: each operation names its service address and scope. */
class AdminApiDocumentTest {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  @Test
  void everyOperationNamesTheAddressThatAnswersItAndTheScopeThatAddressNeeds() {
    List<String> checked = new ArrayList<>();
    JsonObject paths = AdminApiDocument.load().json().getJsonObject("paths");
    paths.forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      if (!METHODS.contains(entry.getKey())) {
        return;
      }
      JsonObject operation = (JsonObject) entry.getValue();
      String name = entry.getKey().toUpperCase() + " " + path.getKey();
      String address = operation.getString(AdminOperation.ADDRESS_EXTENSION);
      assertThat(address).as(name).isNotNull();
      assertThat(AdminScope.requiredFor(address)).as(name + " " + address).isPresent();
      JsonArray security = operation.getJsonArray("security");
      assertThat(security).as(name).hasSize(1);
      assertThat(security.getJsonObject(0).getJsonArray("bearer").getList()).as(name)
          .containsExactly(AdminScope.requiredFor(address).orElseThrow().text());
      checked.add(name);
    }));
    assertThat(checked).hasSizeGreaterThan(40);
  }

  @Test
  void theDocumentSaysWhereTheApiIsAndUnderWhichLicense() {
    JsonObject document = AdminApiDocument.load().json();
    assertThat(document.getString("openapi")).startsWith("3.1");
    assertThat(document.getJsonArray("servers")).isNotEmpty();
    assertThat(document.getJsonObject("info").getJsonObject("license").getString("identifier"))
        .isEqualTo("Apache-2.0");
  }
}
