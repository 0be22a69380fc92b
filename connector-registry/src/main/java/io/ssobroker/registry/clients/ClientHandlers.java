package io.ssobroker.registry.clients;

import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The admin API's product-client operations: a body reads into a {@link ClientDefinition}, a client answers as JSON
 * (with {@code clientSecret} only when one was just made). Who is no platform admin is refused before the body is read.
 */
public final class ClientHandlers {

  private final ClientService clients;

  public ClientHandlers(ClientService clients) {
    this.clients = clients;
  }

  public Future<JsonObject> create(AdminRequest request) {
    return ClientService.platformOnly(request.actor()).map(allowed -> definition(request.body()))
        .compose(client -> clients.create(request.actor(), client)).map(ClientHandlers::withSecret);
  }

  public Future<JsonObject> list(AdminRequest request) {
    return clients.list(request.actor()).map(found -> new JsonObject()
        .put("clients", new JsonArray(found.stream().map(ClientRow::toJson).toList())));
  }

  public Future<JsonObject> get(AdminRequest request) {
    return clients.get(request.actor(), request.param("clientId")).map(ClientRow::toJson);
  }

  public Future<JsonObject> update(AdminRequest request) {
    String clientId = request.param("clientId");
    return ClientService.platformOnly(request.actor()).map(allowed -> replacement(clientId, request.body()))
        .compose(client -> clients.update(request.actor(), client)).map(ClientRow::toJson);
  }

  public Future<JsonObject> delete(AdminRequest request) {
    return clients.delete(request.actor(), request.param("clientId")).map(deleted -> new JsonObject());
  }

  public Future<JsonObject> rotateSecret(AdminRequest request) {
    return clients.rotateSecret(request.actor(), request.param("clientId")).map(ClientHandlers::withSecret);
  }

  static ClientDefinition definition(JsonObject body) {
    try {
      return ClientDefinition.fromApi(new FieldReader(body, ""));
    } catch (DefinitionException invalid) {
      throw ServiceException.invalid(invalid);
    }
  }

  /** The client's new definition; its id is the path's. */
  static ClientDefinition replacement(String clientId, JsonObject body) {
    if (body.containsKey("clientId")) {
      throw ServiceException.invalid("clientId", "cannot be changed");
    }
    return definition(body).withClientId(clientId);
  }

  private static JsonObject withSecret(ClientService.WithSecret answer) {
    JsonObject client = answer.client().toJson();
    answer.secret().ifPresent(value -> client.put("clientSecret", value));
    return client;
  }
}
