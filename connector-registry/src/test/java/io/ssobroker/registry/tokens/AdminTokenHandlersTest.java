package io.ssobroker.registry.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminTokenHandlersTest {

  private static JsonObject body(Object scopes) {
    JsonObject body = new JsonObject().put("org", "acme").put("name", "ci");
    return scopes == null ? body : body.put("scopes", scopes);
  }

  private static ServiceException refusal(JsonObject body) {
    return catchThrowableOfType(ServiceException.class, () -> AdminTokenHandlers.createRequest(body));
  }

  @Test
  void scopesAreReadInTheirOrderAndOmittedMeansTheCreatorsOwn() {
    CreateTokenRequest asked = AdminTokenHandlers.createRequest(body(new JsonArray(List.of("users:read",
        "api-keys:introspect"))));

    assertThat(asked.org()).isEqualTo("acme");
    assertThat(asked.scopes()).contains(List.of(AdminScope.USERS_READ, AdminScope.API_KEYS_INTROSPECT));
    assertThat(AdminTokenHandlers.createRequest(body(null)).scopes()).isEmpty();
  }

  @Test
  void anUnknownOrMistypedScopeIsRefusedByItsIndex() {
    ServiceException unknown = refusal(body(new JsonArray(List.of("users:read", "users:delete"))));
    assertThat(unknown.failure()).isEqualTo(ServiceFailure.INVALID_REQUEST);
    assertThat(unknown.field()).contains("scopes[1]");
    assertThat(unknown.getMessage()).startsWith("scopes[1]: unknown scope users:delete; one of ");

    assertThat(refusal(body(new JsonArray(List.of(7)))).field()).contains("scopes[0]");
    assertThat(refusal(body("users:read")).field()).contains("scopes");
    assertThat(refusal(body(new JsonArray())).field()).contains("scopes");
  }

  @Test
  void everyScopeNameThePlatformKnowsIsAccepted() {
    JsonArray all = new JsonArray(AdminScope.ALL.stream().map(AdminScope::text).toList());

    assertThat(AdminTokenHandlers.createRequest(body(all)).scopes().orElseThrow())
        .containsExactlyInAnyOrderElementsOf(AdminScope.ALL);
  }
}
