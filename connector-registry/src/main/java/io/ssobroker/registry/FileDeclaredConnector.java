package io.ssobroker.registry;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** A connector of the connectors file as the database holds it, to compare with the file. */
public record FileDeclaredConnector(UUID id, String org, String kind, String displayName, String state,
    String emailPattern, JsonObject parameters, JsonObject claimMapping, List<String> domains) {}
