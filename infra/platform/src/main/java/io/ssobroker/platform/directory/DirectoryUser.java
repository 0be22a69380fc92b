package io.ssobroker.platform.directory;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A user of the directory: who may log in, under which org. */
public record DirectoryUser(UUID id, String email, String name, String org, UserStatus status) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("name", name)
        .put("org", org)
        .put("status", status.value());
  }

  public static DirectoryUser fromJson(JsonObject json) {
    return new DirectoryUser(
        UUID.fromString(json.getString("id")),
        json.getString("email"),
        json.getString("name"),
        json.getString("org"),
        UserStatus.parse(json.getString("status")).orElseThrow());
  }
}
