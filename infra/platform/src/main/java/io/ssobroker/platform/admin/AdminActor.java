package io.ssobroker.platform.admin;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/** Who calls the admin API: a platform admin (no org), or an org admin who may see and change that org only. */
public record AdminActor(UUID tokenId, Optional<String> org, String name) {

  public boolean isPlatform() {
    return org.isEmpty();
  }

  /** Whether this actor may read or change this org's resources. */
  public boolean mayAccess(String slug) {
    return org.isEmpty() || org.get().equals(slug);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("tokenId", tokenId.toString()).put("name", name)
        .put("type", isPlatform() ? "platform-admin" : "org-admin");
    org.ifPresent(slug -> json.put("org", slug));
    return json;
  }

  public static AdminActor fromJson(JsonObject json) {
    return new AdminActor(UUID.fromString(json.getString("tokenId")), Optional.ofNullable(json.getString("org")),
        json.getString("name"));
  }
}
