package io.ssobroker.app.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an admin request against its operation in the OpenAPI document (vertx-openapi's validator) and, when it does
 * not hold, says which parameter or body field is wrong as data: the refused parameter is found by checking the
 * request again with that parameter alone, a body field from the failing schema's instance location.
 */
public final class RequestCheck {

  /** Keywords whose failure is about the instance itself, not a sub-schema's: the place to point at. */
  private static final Set<String> LEAF_KEYWORDS = Set.of("type", "format", "pattern", "enum", "const", "required",
      "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "additionalProperties", "uniqueItems");

  private final RequestValidator validator;
  private final AdminApiDocument document;

  public RequestCheck(RequestValidator validator, AdminApiDocument document) {
    this.validator = validator;
    this.document = document;
  }

  /**
   * The validated request, or a failed future with the {@link RefusedRequest} to answer. The parameters are the ones
   * Vert.x decoded once: vertx-openapi 5.0's own extraction decodes query values a second time, which refuses a
   * search for a literal {@code %} and turns an encoded {@code +} into a space.
   */
  public Future<ValidatedRequest> check(RoutingContext routing, Operation operation, Buffer body) {
    Map<String, RequestParameter> path = new HashMap<>();
    routing.pathParams().forEach((name, value) -> path.put(name, parameter(value)));
    Map<String, RequestParameter> query = new HashMap<>();
    routing.queryParams().names().forEach(name -> query.put(name, parameter(routing.queryParams().get(name))));
    RequestParameter content = body == null || body.length() == 0 ? parameter(null) : parameter(body);
    return check(new View(Map.of(), Map.of(), path, query, content, routing.request().getHeader("Content-Type")),
        operation);
  }

  private static RequestParameter parameter(Object value) {
    return () -> value;
  }

  Future<ValidatedRequest> check(ValidatableRequest request, Operation operation) {
    return validator.validate(request, operation.getOperationId()).recover(failure ->
        failure instanceof ValidatorException refused ? locate(request, operation, refused)
            : Future.failedFuture(failure));
  }

  private Future<ValidatedRequest> locate(ValidatableRequest request, Operation operation, ValidatorException refused) {
    return switch (refused.type()) {
      case UNSUPPORTED_VALUE_FORMAT -> refuse(415, "send the body as application/json", null);
      case ILLEGAL_VALUE -> refuse(400, "the body must be a JSON object", null);
      case MISSING_REQUIRED_PARAMETER -> request.getBody() == null || request.getBody().isEmpty()
          ? refuse(400, "the body must be a JSON object", null) : refuse(400, refused.getMessage(), null);
      default -> refused instanceof SchemaValidationException schema
          ? parameterOrBody(request, operation, schema) : refuse(400, refused.getMessage(), null);
    };
  }

  /** The parameter that fails alone, else the body's field. */
  private Future<ValidatedRequest> parameterOrBody(ValidatableRequest request, Operation operation,
      SchemaValidationException refused) {
    Future<Optional<String>> culprit = Future.succeededFuture(Optional.empty());
    for (String name : request.getQuery().keySet()) {
      culprit = culprit.compose(found -> found.isPresent() ? Future.succeededFuture(found)
          : validator.validate(withOnlyQuery(request, name), operation.getOperationId())
              .map(fine -> Optional.<String>empty())
              .otherwise(failure -> failure instanceof SchemaValidationException same
                  && same.getMessage().equals(refused.getMessage()) ? Optional.of(name) : Optional.empty()));
    }
    return culprit.compose(parameter -> parameter.isPresent()
        ? refuse(400, parameter.get() + ": " + phrase(mostSpecific(refused.getOutputUnit()),
            parameterSchema(operation, parameter.get())), parameter.get())
        : bodyField(request, operation, refused));
  }

  private Future<ValidatedRequest> bodyField(ValidatableRequest request, Operation operation,
      SchemaValidationException refused) {
    OutputUnit error = mostSpecific(refused.getOutputUnit());
    String pointer = error.getInstanceLocation().replaceFirst("^#", "");
    Optional<String> field = pointer.isEmpty() ? Optional.empty() : Optional.of(fieldOf(pointer));
    if (keyword(error).equals("required")) {
      field = missingProperty(request, operation, pointer).map(name -> pointer.isEmpty() ? name
          : fieldOf(pointer) + "." + name);
      return refuse(400, field.map(name -> name + ": required").orElse(error.getError()), field.orElse(null));
    }
    if (pointer.isEmpty() && keyword(error).equals("type")) {
      return refuse(400, "the body must be a JSON object", null);
    }
    JsonObject schema = document.schemaAt(bodySchema(operation), pointer);
    String problem = phrase(error, schema);
    return refuse(400, field.map(name -> name + ": " + problem).orElse(problem), field.orElse(null));
  }

  /** What is wrong, in the words the services use for the same rule, from the schema the value failed. */
  static String phrase(OutputUnit error, JsonObject schema) {
    return switch (keyword(error)) {
      case "additionalProperties" -> "unknown field";
      case "type" -> "must be " + typeName(schema.getValue("type"));
      case "enum" -> "must be one of " + schema.getJsonArray("enum", new JsonArray()).stream().map(String::valueOf)
          .collect(Collectors.joining(", "));
      case "maxLength" -> "at most " + schema.getValue("maxLength") + " characters";
      case "minLength" -> "at least " + schema.getValue("minLength") + " characters";
      case "maxItems" -> "at most " + schema.getValue("maxItems") + " items";
      case "minItems" -> "at least " + schema.getValue("minItems") + (schema.getInteger("minItems", 0) == 1
          ? " item" : " items");
      case "minimum" -> "must be at least " + schema.getValue("minimum");
      case "maximum" -> "must be at most " + schema.getValue("maximum");
      case "pattern" -> "must match " + schema.getValue("pattern");
      default -> error.getError();
    };
  }

  private static String typeName(Object type) {
    String name = type instanceof JsonArray types ? types.stream().map(String::valueOf)
        .filter(one -> !one.equals("null")).findFirst().orElse("a value") : String.valueOf(type);
    return switch (name) {
      case "object" -> "an object";
      case "array" -> "a list";
      case "integer" -> "a whole number";
      case "boolean" -> "true or false";
      default -> "a " + name;
    };
  }

  private static JsonObject bodySchema(Operation operation) {
    return operation.getOpenAPIModel().getJsonObject("requestBody", new JsonObject())
        .getJsonObject("content", new JsonObject()).getJsonObject("application/json", new JsonObject())
        .getJsonObject("schema", new JsonObject());
  }

  private Optional<String> missingProperty(ValidatableRequest request, Operation operation, String pointer) {
    return bodyJson(request).map(body -> at(body, pointer)).flatMap(object ->
        document.requiredAt(bodySchema(operation), pointer).stream().filter(name -> !object.containsKey(name))
            .findFirst());
  }

  private static Optional<JsonObject> bodyJson(ValidatableRequest request) {
    Object value = request.getBody() == null ? null : request.getBody().get();
    try {
      return value instanceof Buffer raw ? Optional.of(new JsonObject(raw))
          : Optional.ofNullable(value instanceof JsonObject object ? object : null);
    } catch (DecodeException | ClassCastException notAnObject) {
      return Optional.empty();
    }
  }

  private static JsonObject at(JsonObject body, String pointer) {
    Object at = body;
    for (String segment : pointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      at = at instanceof JsonObject object ? object.getValue(segment)
          : at instanceof JsonArray array && segment.chars().allMatch(Character::isDigit)
              && Integer.parseInt(segment) < array.size() ? array.getValue(Integer.parseInt(segment)) : null;
    }
    return at instanceof JsonObject object ? object : new JsonObject();
  }

  /** {@code /redirectUris/1} as {@code redirectUris[1]}, {@code /claimMapping/email} as {@code claimMapping.email}. */
  static String fieldOf(String pointer) {
    StringBuilder field = new StringBuilder();
    for (String segment : pointer.substring(1).split("/")) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
        field.append('[').append(name).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(name);
      }
    }
    return field.toString();
  }

  /**
   * The error that points at the offending value: the deepest one whose keyword judges the value itself; a property's
   * "does not match additional properties" beside a deeper error on that property is the validator's echo of it.
   */
  static OutputUnit mostSpecific(OutputUnit result) {
    List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result)
        : result.getErrors();
    return errors.stream()
        .filter(error -> LEAF_KEYWORDS.contains(keyword(error)))
        .filter(error -> !keyword(error).equals("additionalProperties") || errors.stream().noneMatch(other ->
            other != error && other.getInstanceLocation().startsWith(error.getInstanceLocation() + "/")))
        .max(Comparator.comparingInt((OutputUnit error) -> error.getInstanceLocation().length())
            .thenComparing(error -> keyword(error).equals("required") ? 0 : 1))
        .orElse(errors.get(errors.size() - 1));
  }

  private static String keyword(OutputUnit error) {
    String location = error.getKeywordLocation() == null ? "" : error.getKeywordLocation();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static JsonObject parameterSchema(Operation operation, String name) {
    return operation.getParameters().stream().filter(parameter -> parameter.getName().equals(name)).findFirst()
        .map(parameter -> parameter.getOpenAPIModel().getJsonObject("schema", new JsonObject()))
        .orElse(new JsonObject());
  }

  private static ValidatableRequest withOnlyQuery(ValidatableRequest request, String name) {
    return new View(request.getCookies(), request.getHeaders(), request.getPathParameters(),
        Map.of(name, request.getQuery().get(name)), request.getBody(), request.getContentType());
  }

  private static Future<ValidatedRequest> refuse(int status, String detail, String field) {
    return Future.failedFuture(new RefusedRequest(status, detail, Optional.ofNullable(field)));
  }

  record View(Map<String, RequestParameter> getCookies, Map<String, RequestParameter> getHeaders,
      Map<String, RequestParameter> getPathParameters, Map<String, RequestParameter> getQuery,
      RequestParameter getBody, String getContentType) implements ValidatableRequest {}
}
