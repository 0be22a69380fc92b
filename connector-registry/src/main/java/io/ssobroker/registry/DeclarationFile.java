package io.ssobroker.registry;

import io.ssobroker.platform.config.ConfigException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file that declares what the registry keeps (connectors, clients): one JSON object, read once at start. An empty
 * file declares nothing; an unreadable or malformed one stops the process with a message naming the file.
 */
public final class DeclarationFile {

  private DeclarationFile() {}

  /** {@code kind}: "connectors file"; {@code shape}: what its top level is, for the error, "keyed by org slug". */
  public static Optional<JsonObject> read(Path path, String kind, String keyedBy) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw fail(kind, path, "cannot be read: " + unreadable.getMessage());
    }
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JsonObject(text));
    } catch (DecodeException | ClassCastException malformed) {
      throw fail(kind, path, "not a JSON object keyed by " + keyedBy);
    }
  }

  public static ConfigException fail(String kind, Path path, String problem) {
    return new ConfigException(kind + " " + path + ": " + problem);
  }
}
