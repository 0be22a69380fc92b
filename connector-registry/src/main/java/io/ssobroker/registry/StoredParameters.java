package io.ssobroker.registry;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A connector's kind and parameters as stored, for a check of today's validation rules. */
public record StoredParameters(UUID id, String org, String kind, JsonObject parameters) {}
