package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Which claims (or SAML attributes) carry the user's email and name. */
public record ClaimMapping(String email, String name) {

  public static final ClaimMapping DEFAULT = new ClaimMapping("email", "name");

  static ClaimMapping read(FieldReader mapping) {
    mapping.allowOnly(Set.of("email", "name"));
    return new ClaimMapping(mapping.optionalText("email").orElse("email"), mapping.optionalText("name").orElse("name"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("email", email).put("name", name);
  }

  public static ClaimMapping fromJson(JsonObject json) {
    return json == null ? DEFAULT
        : new ClaimMapping(json.getString("email", "email"), json.getString("name", "name"));
  }
}
