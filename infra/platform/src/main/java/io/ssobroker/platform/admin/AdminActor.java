package io.ssobroker.platform.admin;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/**
 * Who calls the admin API: a platform admin (no org), an org admin who may see and change that org only, or the
 * holder of a setup link, who may set up that org's connectors and domains and nothing else
 * ({@link AdminContract#SETUP_LINK_ADDRESSES}).
 *
 * @param tokenId the admin token's id, or the setup link's
 */
public record AdminActor(UUID tokenId, Optional<String> org, String name, boolean setupLink) {

  public AdminActor(UUID tokenId, Optional<String> org, String name) {
    this(tokenId, org, name, false);
  }

  public AdminActor {
    if (setupLink && org.isEmpty()) {
      throw new IllegalArgumentException("a setup link belongs to one org");
    }
  }

  public static AdminActor ofSetupLink(UUID linkId, String org) {
    return new AdminActor(linkId, Optional.of(org), "setup link for " + org, true);
  }

  public boolean isPlatform() {
    return org.isEmpty();
  }

  /** Whether this actor may read or change this org's resources. */
  public boolean mayAccess(String slug) {
    return org.isEmpty() || org.get().equals(slug);
  }

  /** Whether this actor may ask this admin address at all: a setup link only asks what setting up an org needs. */
  public boolean mayCall(String address) {
    return !setupLink || AdminContract.SETUP_LINK_ADDRESSES.contains(address);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("tokenId", tokenId.toString()).put("name", name)
        .put("type", setupLink ? "setup-link" : isPlatform() ? "platform-admin" : "org-admin");
    org.ifPresent(slug -> json.put("org", slug));
    return json;
  }

  public static AdminActor fromJson(JsonObject json) {
    return new AdminActor(UUID.fromString(json.getString("tokenId")), Optional.ofNullable(json.getString("org")),
        json.getString("name"), "setup-link".equals(json.getString("type")));
  }
}
