package io.ssobroker.registry.orgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgHandlersTest {

  @Test
  void returnOriginsAreNormalizedAndDeduplicatedInTheirOrder() {
    OrgFields fields = OrgHandlers.updateFields(new JsonObject().put("name", " Acme ").put("allowedReturnOrigins",
        new JsonArray(List.of("https://B.example/", "https://a.example", "https://b.example"))));

    assertThat(fields.name()).isEqualTo("Acme");
    assertThat(fields.allowedReturnOrigins()).containsExactly("https://b.example", "https://a.example");
    assertThat(fields.landingUrl()).isEmpty();
  }

  @Test
  void aRefusalNamesTheFieldItIsAbout() {
    ServiceException notAnOrigin = catchThrowableOfType(ServiceException.class, () -> OrgHandlers.updateFields(
        new JsonObject().put("name", "A").put("allowedReturnOrigins", new JsonArray(List.of("https://a.example/x")))));
    assertThat(notAnOrigin.field()).contains("allowedReturnOrigins[0]");

    ServiceException slugOnUpdate = catchThrowableOfType(ServiceException.class, () -> OrgHandlers.updateFields(
        new JsonObject().put("name", "A").put("slug", "b")));
    assertThat(slugOnUpdate.field()).contains("slug");
    assertThat(slugOnUpdate.getMessage()).isEqualTo("slug: unknown field");

    ServiceException insecure = catchThrowableOfType(ServiceException.class, () -> OrgHandlers.createRequest(
        new JsonObject().put("slug", "acme").put("name", "A").put("landingUrl", "http://acme.example")));
    assertThat(insecure.field()).contains("landingUrl");
  }
}
