package io.ssobroker.registry.connectors;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.ssobroker.platform.connector.SecretResolver;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The admin API's connector operations: a body reads into a {@link ConnectorDefinition} (as the connectors file's),
 * an activation date or a list of testers; a connector answers as JSON without its secret.
 */
public final class ConnectorHandlers {

  /** Stands in for the stored secret while an update without {@code parameters.clientSecret} is validated. */
  private static final String UNCHANGED_SECRET = "\u0000unchanged\u0000";

  private final ConnectorService connectors;
  private final ConnectorActivationService activation;

  public ConnectorHandlers(ConnectorService connectors, ConnectorActivationService activation) {
    this.connectors = connectors;
    this.activation = activation;
  }

  public Future<JsonObject> create(AdminRequest request) {
    String org = request.param("org");
    return ConnectorService.maySeeOrg(request.actor(), org).map(visible -> newDefinition(request.body()))
        .compose(definition -> connectors.create(request.actor(), org, definition)).map(StoredConnector::toJson);
  }

  public Future<JsonObject> list(AdminRequest request) {
    return connectors.list(request.actor(), request.param("org")).map(found -> new JsonObject()
        .put("connectors", new JsonArray(found.stream().map(StoredConnector::toJson).toList())));
  }

  public Future<JsonObject> get(AdminRequest request) {
    return connectorId(request).compose(id -> connectors.get(request.actor(), request.param("org"), id))
        .map(StoredConnector::toJson);
  }

  /** Replaces the connector; a body without {@code parameters.clientSecret} keeps the stored secret. */
  public Future<JsonObject> update(AdminRequest request) {
    String org = request.param("org");
    JsonObject body = request.body().copy();
    boolean keepSecret = body.getValue("parameters") instanceof JsonObject parameters
        && !parameters.containsKey("clientSecret");
    if (keepSecret) {
      body.getJsonObject("parameters").put("clientSecret", UNCHANGED_SECRET);
    }
    return connectorId(request)
        .compose(id -> ConnectorService.maySeeConnector(request.actor(), org).map(visible -> id))
        .compose(id -> Future.succeededFuture(replacement(body))
            .compose(definition -> connectors.update(request.actor(), org, id, definition, keepSecret)))
        .map(StoredConnector::toJson);
  }

  public Future<JsonObject> delete(AdminRequest request) {
    return connectorId(request).compose(id -> connectors.delete(request.actor(), request.param("org"), id))
        .map(deleted -> new JsonObject());
  }

  /** {@code {"at": RFC 3339}} schedules; an empty body (or an instant already past) activates now. */
  public Future<JsonObject> activate(AdminRequest request) {
    return connectorId(request).compose(id -> Future.succeededFuture(request.body())
        .map(ConnectorHandlers::activationDate)
        .compose(at -> activation.activate(request.actor(), request.param("org"), id, at)));
  }

  /** {@code {"testers": ["a@acme.com", ...]}}. */
  public Future<JsonObject> test(AdminRequest request) {
    return connectorId(request).compose(id -> Future.succeededFuture(request.body())
        .map(ConnectorHandlers::testers)
        .compose(testers -> activation.startTesting(request.actor(), request.param("org"), id, testers)));
  }

  static ConnectorDefinition newDefinition(JsonObject body) {
    if (body.containsKey("id")) {
      throw ServiceException.invalid("id", "assigned by the broker");
    }
    return definition(body);
  }

  static ConnectorDefinition replacement(JsonObject body) {
    if (body.containsKey("id")) {
      throw ServiceException.invalid("id", "cannot be changed");
    }
    return definition(body);
  }

  private static ConnectorDefinition definition(JsonObject body) {
    try {
      return ConnectorDefinition.read(new FieldReader(body, ""), SecretResolver.literal());
    } catch (DefinitionException invalid) {
      throw ServiceException.invalid(invalid);
    }
  }

  static Optional<OffsetDateTime> activationDate(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!field.equals("at")) {
        throw ServiceException.invalid(field, "unknown field");
      }
    }
    try {
      return body.getValue("at") == null ? Optional.empty()
          : Optional.of(OffsetDateTime.parse(String.valueOf(body.getValue("at"))));
    } catch (DateTimeParseException notADate) {
      throw ServiceException.invalid("at", "must be an RFC 3339 date-time such as 2027-01-01T09:00:00Z");
    }
  }

  static List<String> testers(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!field.equals("testers")) {
        throw ServiceException.invalid(field, "unknown field");
      }
    }
    if (!(body.getValue("testers") instanceof JsonArray list) || list.isEmpty()) {
      throw ServiceException.invalid("testers", "required, a list of emails");
    }
    List<String> testers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "testers[" + i + "]";
      testers.add(EmailAddress.parse(list.getValue(i) instanceof String text ? text : null)
          .orElseThrow(() -> ServiceException.invalid(field, "not an email address")).value());
    }
    return testers;
  }

  /** A path id that is no UUID names no connector. */
  private static Future<UUID> connectorId(AdminRequest request) {
    try {
      return Future.succeededFuture(UUID.fromString(request.param("id")));
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      return Future.failedFuture(ConnectorService.noConnector());
    }
  }
}
