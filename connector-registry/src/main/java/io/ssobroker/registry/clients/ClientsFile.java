package io.ssobroker.registry.clients;

import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.registry.DeclarationFile;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.ssobroker.platform.connector.SecretResolver;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clients file: an object keyed by client id, each value a client as the admin API takes it, plus its
 * {@code clientSecret} when confidential (literal, {@code ${env:NAME}} or {@code ${file:/path}}). Read once at startup;
 * the first invalid field stops the process, named by file, client and field.
 */
public final class ClientsFile {

  private ClientsFile() {}

  public static List<ClientDefinition> read(Path path, Map<String, String> environment) {
    Optional<JsonObject> declared = DeclarationFile.read(path, "clients file", "client id");
    if (declared.isEmpty()) {
      return List.of();
    }
    JsonObject root = declared.get();
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
    return DeclarationFile.fail("clients file", path, problem);
  }
}
