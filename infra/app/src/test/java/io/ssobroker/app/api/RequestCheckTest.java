package io.ssobroker.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the admin API answers for requests its OpenAPI document does not allow, with vertx-openapi's validator. */
class RequestCheckTest {

  private static Vertx vertx;
  private static OpenAPIContract contract;
  private static RequestCheck check;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    AdminApiDocument document = AdminApiDocument.load();
    contract = OpenAPIContract.from(vertx, document.routingModel()).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    check = new RequestCheck(RequestValidator.create(vertx, contract), document);
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void aMissingRequiredPropertyIsNamed() {
    assertThat(refusal("createOrg", Map.of(), Map.of(), "{\"slug\": \"acme\"}"))
        .isEqualTo(new Refusal(400, "name: required", Optional.of("name")));
    assertThat(refusal("createUser", Map.of("org", "acme"), Map.of(), "{\"name\": \"Ann\"}"))
        .isEqualTo(new Refusal(400, "email: required", Optional.of("email")));
  }

  @Test
  void aValueOfTheWrongShapeIsNamedByItsPlaceInTheBody() {
    assertThat(refusal("createOrg", Map.of(), Map.of(), "{\"slug\": \"acme\", \"name\": 5}"))
        .isEqualTo(new Refusal(400, "name: must be a string", Optional.of("name")));
    assertThat(refusal("createClient", Map.of(), Map.of(),
        "{\"name\": \"A\", \"type\": \"public\", \"redirectUris\": [\"https://a.example/cb\", 5]}").field())
        .contains("redirectUris[1]");
    assertThat(refusal("createOrg", Map.of(), Map.of(), "{\"slug\": \"acme\", \"name\": \"A\", \"colour\": \"red\"}"))
        .isEqualTo(new Refusal(400, "colour: unknown field", Optional.of("colour")));
  }

  @Test
  void aParameterOfTheWrongShapeIsNamed() {
    Refusal limit = refusal("queryAudit", Map.of(), Map.of("type", "login.failed", "limit", "lots"), null);
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.field()).contains("limit");
    assertThat(refusal("queryAudit", Map.of(), Map.of("category", "NOT_A_CATEGORY"), null).detail())
        .startsWith("category: must be one of STATE_INVALID, ");
    assertThat(refusal("exportUsers", Map.of("org", "acme"), Map.of("format", "xml"), null))
        .isEqualTo(new Refusal(400, "format: must be one of csv, jsonl", Optional.of("format")));
  }

  @Test
  void aBodyThatIsNoJsonObjectOrNotJsonIsRefusedAsSuch() {
    assertThat(refusal("createOrg", Map.of(), Map.of(), "{\"slug\": ").detail())
        .isEqualTo("the body must be a JSON object");
    assertThat(refusal("createOrg", Map.of(), Map.of(), null)).isEqualTo(
        new Refusal(400, "the body must be a JSON object", Optional.empty()));
    assertThat(refusal("createOrg", Map.of(), Map.of(), "[1, 2]")).isEqualTo(
        new Refusal(400, "the body must be a JSON object", Optional.empty()));
  }

  @Test
  void anotherContentTypeIs415() {
    ValidatableRequest plain = request(Map.of(), Map.of(), "{\"slug\": \"a\", \"name\": \"A\"}", "text/plain");
    assertThat(refusalOf(plain, "createOrg").status()).isEqualTo(415);
  }

  @Test
  void aValidRequestPassesWithItsBody() throws Exception {
    ValidatedRequest valid = check.check(request(Map.of(), Map.of(), "{\"slug\": \"acme\", \"name\": \"Acme\"}",
            "application/json"), operation("createOrg")).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertThat(valid.getBody().getJsonObject().getString("slug")).isEqualTo("acme");
  }

  @Test
  void theDocumentNamesTheMethodsOfAPath() {
    AdminApiDocument document = AdminApiDocument.load();
    assertThat(document.methodsAllowedOn("/admin/v1/orgs/acme")).extracting(Object::toString)
        .containsExactly("DELETE", "GET", "PUT");
    assertThat(document.methodsAllowedOn("/admin/v1/orgs/acme/users/import")).extracting(Object::toString)
        .containsExactly("POST");
    assertThat(document.methodsAllowedOn("/admin/v1/orgs/acme/nothing")).isEmpty();
  }

  record Refusal(int status, String detail, Optional<String> field) {}

  private static Refusal refusal(String operationId, Map<String, String> path, Map<String, String> query,
      String body) {
    return refusalOf(request(path, query, body, body == null ? null : "application/json"), operationId);
  }

  private static Refusal refusalOf(ValidatableRequest request, String operationId) {
    try {
      check.check(request, operation(operationId)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError(operationId + " passed");
    } catch (java.util.concurrent.ExecutionException failed) {
      RefusedRequest refused = (RefusedRequest) failed.getCause();
      return new Refusal(refused.status(), refused.detail(), refused.field());
    } catch (InterruptedException | java.util.concurrent.TimeoutException stuck) {
      throw new AssertionError(stuck);
    }
  }

  private static Operation operation(String id) {
    return contract.operation(id);
  }

  private static ValidatableRequest request(Map<String, String> path, Map<String, String> query, String body,
      String contentType) {
    return new RequestCheck.View(Map.of(), Map.of(), parameters(path), parameters(query),
        new io.vertx.openapi.validation.impl.RequestParameterImpl(body == null ? null : Buffer.buffer(body)), contentType);
  }

  private static Map<String, RequestParameter> parameters(Map<String, String> values) {
    Map<String, RequestParameter> parameters = new HashMap<>();
    values.forEach((name, value) -> parameters.put(name, new io.vertx.openapi.validation.impl.RequestParameterImpl(value)));
    return parameters;
  }
}
