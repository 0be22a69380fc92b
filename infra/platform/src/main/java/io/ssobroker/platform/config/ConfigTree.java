package io.ssobroker.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Dotted keys ({@code kafka.embedded.port}) over nested JSON objects, which is how every layer is written and merged. */
final class ConfigTree {

  private ConfigTree() {}

  static void put(JsonObject root, String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.getValue(parts[i]);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = (JsonObject) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  static Object get(JsonObject root, String dottedKey) {
    Object node = root;
    for (String part : dottedKey.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part);
    }
    return node;
  }

  /** The dotted paths of every value in the tree, not descending below a path that is itself a known key. */
  static List<String> paths(JsonObject root, Set<String> knownKeys) {
    List<String> paths = new ArrayList<>();
    collect(root, "", knownKeys, paths);
    return paths;
  }

  private static void collect(JsonObject node, String prefix, Set<String> knownKeys, List<String> paths) {
    for (String name : node.fieldNames()) {
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      Object value = node.getValue(name);
      if (value instanceof JsonObject child && !knownKeys.contains(path)) {
        collect(child, path, knownKeys, paths);
      } else {
        paths.add(path);
      }
    }
  }
}
