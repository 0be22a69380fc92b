package io.ssobroker.registry.clients;

import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.ssobroker.platform.connector.SecretResolver;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The clients file: an object keyed by client id, each value a client as the admin API takes it, plus its
 * {@code clientSecret} when confidential (literal, {@code ${env:NAME}} or {@code ${file:/path}}). Read once at startup;
 * the first invalid field stops the process, named by file, client and field.
 */
public final class ClientsFile {

  private ClientsFile() {}

  public static List<ClientDefinition> read(Path path, Map<String, String> environment) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw fail(path, "cannot be read: " + unreadable.getMessage());
    }
    if (text.isBlank()) {
      return List.of();
    }
    JsonObject root;
    try {
      root = new JsonObject(text);
    } catch (DecodeException | ClassCastException malformed) {
      throw fail(path, "not a JSON object keyed by client id");
    }
    SecretResolver secrets = SecretResolver.withReferences(environment);
    List<ClientDefinition> clients = new ArrayList<>();
    try {
      for (String clientId : root.fieldNames()) {
        if (!(root.getValue(clientId) instanceof JsonObject entry)) {
          throw new DefinitionException(clientId, "must be an object");
        }
        clients.add(ClientDefinition.fromFile(clientId, new FieldReader(entry, clientId), secrets));
      }
    } catch (DefinitionException invalid) {
      throw fail(path, invalid.getMessage());
    }
    return List.copyOf(clients);
  }

  private static ConfigException fail(Path path, String problem) {
    return new ConfigException("clients file " + path + ": " + problem);
  }
}
