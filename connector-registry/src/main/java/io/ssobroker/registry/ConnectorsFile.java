package io.ssobroker.registry;

import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.ssobroker.platform.connector.SecretResolver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The connectors file of SPEC section 4: an object keyed by org slug, each value a list of connector entries. Read once
 * at startup; the first invalid field stops the process, named by file, org, index and field.
 */
final class ConnectorsFile {

  /** A connector of the file, with the id it keeps across restarts. */
  record FileConnector(UUID id, String org, ConnectorDefinition definition) {}

  private ConnectorsFile() {}

  static List<FileConnector> read(Path path, Map<String, String> environment) {
    Optional<JsonObject> declared = DeclarationFile.read(path, "connectors file", "org slug");
    if (declared.isEmpty()) {
      return List.of();
    }
    JsonObject root = declared.get();
    try {
      return connectors(root, SecretResolver.withReferences(environment));
    } catch (DefinitionException invalid) {
      throw fail(path, invalid.getMessage());
    }
  }

  private static List<FileConnector> connectors(JsonObject root, SecretResolver secrets) {
    List<FileConnector> connectors = new ArrayList<>();
    Map<String, String> domainOwners = new HashMap<>();
    Set<UUID> ids = new HashSet<>();
    for (Map.Entry<String, Object> org : new LinkedHashMap<>(root.getMap()).entrySet()) {
      String slug = org.getKey();
      if (!OrgSlug.isValid(slug)) {
        throw new DefinitionException(slug, "not a valid org slug: " + OrgSlug.describeRule());
      }
      if (!(root.getValue(slug) instanceof JsonArray entries)) {
        throw new DefinitionException(slug, "must be a list of connectors");
      }
      for (int index = 0; index < entries.size(); index++) {
        String path = slug + "[" + index + "]";
        if (!(entries.getValue(index) instanceof JsonObject entry)) {
          throw new DefinitionException(path, "must be an object");
        }
        ConnectorDefinition definition = ConnectorDefinition.read(new FieldReader(entry, path), secrets);
        UUID id = definition.id().orElse(derivedId(slug, index));
        if (!ids.add(id)) {
          throw new DefinitionException(path + ".id", "used by another connector");
        }
        for (int d = 0; d < definition.domains().size(); d++) {
          String domain = definition.domains().get(d);
          String owner = domainOwners.putIfAbsent(domain, path);
          if (owner != null) {
            throw new DefinitionException(path + ".domains[" + d + "]", domain + " is already routed by " + owner);
          }
        }
        connectors.add(new FileConnector(id, slug, definition));
      }
    }
    return List.copyOf(connectors);
  }

  /** Without an explicit id, a file connector is known by its org and position, so that its id survives restarts. */
  private static UUID derivedId(String org, int index) {
    return UUID.nameUUIDFromBytes(("connectors-file:" + org + ":" + index).getBytes(StandardCharsets.UTF_8));
  }

  private static ConfigException fail(Path path, String problem) {
    return DeclarationFile.fail("connectors file", path, problem);
  }
}
