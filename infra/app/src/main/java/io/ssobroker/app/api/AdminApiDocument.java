package io.ssobroker.app.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The admin API's OpenAPI document ({@value #RESOURCE}), the source of its routes, their validation and their
 * scopes. The same document is served at {@code /admin/openapi.json}.
 */
public final class AdminApiDocument {

  public static final String RESOURCE = "admin-openapi.json";

  /** vertx-openapi 5.0 models JSON, form data and plain text only. */
  private static final Set<String> ROUTABLE_MEDIA_TYPES = Set.of("application/json");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  private final JsonObject document;

  private AdminApiDocument(JsonObject document) {
    this.document = document;
  }

  public static AdminApiDocument load() {
    try (InputStream in = AdminApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return new AdminApiDocument(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  public JsonObject json() {
    return document.copy();
  }

  /**
   * The document as vertx-openapi routes and validates it: problem details, CSV and JSON Lines bodies stay in the
   * document but out of the routing model, since vertx-openapi 5.0 refuses a contract that names them. Responses are
   * not validated; the streamed import's body is checked line by line by the directory.
   */
  public JsonObject routingModel() {
    JsonObject model = document.copy();
    withoutFormats(model);
    model.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      if (METHODS.contains(entry.getKey())) {
        withoutUnroutableMedia((JsonObject) entry.getValue());
      }
    }));
    model.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject())
        .forEach(response -> onlyRoutable((JsonObject) response.getValue()));
    return model;
  }

  /**
   * The methods the document allows on a request path, for a 405's {@code Allow}; empty for an unknown path. A path
   * with fewer templated segments matches first ({@code /users/import} before {@code /users/{id}}), as in routing.
   */
  public Set<HttpMethod> methodsAllowedOn(String requestPath) {
    List<String> matching = document.getJsonObject("paths").fieldNames().stream()
        .filter(template -> matches(template, requestPath)).toList();
    long fewestTemplated = matching.stream().mapToLong(AdminApiDocument::templatedSegments).min().orElse(0);
    return matching.stream().filter(template -> templatedSegments(template) == fewestTemplated)
        .flatMap(template -> document.getJsonObject("paths").getJsonObject(template).fieldNames().stream())
        .filter(METHODS::contains)
        .map(method -> HttpMethod.valueOf(method.toUpperCase()))
        .collect(Collectors.toCollection(() -> new TreeSet<>((a, b) -> a.name().compareTo(b.name()))));
  }

  /** The schema of the value at a JSON pointer inside an operation's body, following refs; empty when unknown. */
  JsonObject schemaAt(JsonObject schema, String instancePointer) {
    JsonObject at = resolve(schema);
    for (String segment : instancePointer.replaceFirst("^#?/?", "").split("/")) {
      if (!segment.isEmpty()) {
        at = resolve(propertySchema(at, segment).orElse(new JsonObject()));
      }
    }
    return at;
  }

  /** The {@code required} names of the schema at a JSON pointer inside an operation's body, following refs. */
  Set<String> requiredAt(JsonObject schema, String instancePointer) {
    return requiredOf(schemaAt(schema, instancePointer));
  }

  private Set<String> requiredOf(JsonObject schema) {
    JsonObject resolved = resolve(schema);
    Set<String> required = new TreeSet<>();
    resolved.getJsonArray("required", new JsonArray()).forEach(name -> required.add(String.valueOf(name)));
    resolved.getJsonArray("allOf", new JsonArray()).forEach(part -> required.addAll(requiredOf((JsonObject) part)));
    return required;
  }

  private Optional<JsonObject> propertySchema(JsonObject schema, String name) {
    JsonObject resolved = resolve(schema);
    if (resolved.getValue("items") instanceof JsonObject items && name.chars().allMatch(Character::isDigit)) {
      return Optional.of(items);
    }
    if (resolved.getJsonObject("properties", new JsonObject()).getValue(name) instanceof JsonObject property) {
      return Optional.of(property);
    }
    return resolved.getJsonArray("allOf", new JsonArray()).stream()
        .map(part -> propertySchema((JsonObject) part, name)).flatMap(Optional::stream).findFirst();
  }

  private JsonObject resolve(JsonObject schema) {
    JsonObject at = schema;
    while (at.getValue("$ref") instanceof String ref && ref.contains("#/")) {
      JsonObject target = document;
      for (String segment : ref.substring(ref.indexOf("#/") + 2).split("/")) {
        target = target.getJsonObject(segment.replace("~1", "/").replace("~0", "~"), new JsonObject());
      }
      at = target;
    }
    return at;
  }

  private static long templatedSegments(String template) {
    return Arrays.stream(template.split("/")).filter(segment -> segment.startsWith("{")).count();
  }

  private static boolean matches(String template, String requestPath) {
    String[] expected = template.split("/", -1);
    String[] actual = requestPath.split("/", -1);
    return expected.length == actual.length && IntStream.range(0, expected.length)
        .allMatch(i -> expected[i].startsWith("{") || expected[i].equals(actual[i]));
  }

  /**
   * In JSON Schema 2020-12, OpenAPI 3.1's dialect, {@code format} is an annotation, not an assertion; vertx-json-schema
   * asserts it. The services check what a format names (an RFC 3339 time, a UUID, an email) with their own words.
   */
  private static void withoutFormats(Object node) {
    if (node instanceof JsonObject object) {
      if (object.getValue("format") instanceof String && (object.containsKey("type") || object.containsKey("enum"))) {
        object.remove("format");
      }
      object.forEach(entry -> withoutFormats(entry.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(AdminApiDocument::withoutFormats);
    }
  }

  private static void withoutUnroutableMedia(JsonObject operation) {
    if (operation.getValue("requestBody") instanceof JsonObject body) {
      onlyRoutable(body);
      if (body.getJsonObject("content", new JsonObject()).isEmpty()) {
        operation.remove("requestBody");
      }
    }
    operation.getJsonObject("responses", new JsonObject()).forEach(response -> onlyRoutable((JsonObject) response.getValue()));
  }

  private static void onlyRoutable(JsonObject carrier) {
    if (carrier.getValue("content") instanceof JsonObject content) {
      content.fieldNames().removeIf(type -> !ROUTABLE_MEDIA_TYPES.contains(type));
      if (content.isEmpty()) {
        carrier.remove("content");
      }
    }
  }
}
