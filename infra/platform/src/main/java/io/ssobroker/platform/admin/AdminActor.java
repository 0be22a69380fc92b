package io.ssobroker.platform.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who calls the admin API: a platform admin (no org); an org admin, by an admin token or as a user of the directory
 * with the admin role signed in to the console through the broker, who may see and change that org only; or the
 * holder of a setup link, who may set up that org's connectors and domains and nothing else
 * ({@link AdminContract#SETUP_LINK_ADDRESSES}). Whatever the kind, the actor may only ask the addresses its
 * {@link AdminScope scopes} cover.
 *
 * @param tokenId the admin token's id, the setup link's, or the directory user's
 */
public record AdminActor(UUID tokenId, Optional<String> org, String name, Kind kind, Set<AdminScope> scopes) {

  /** How the actor authenticated, as audit events name it. */
  public enum Kind {
    PLATFORM_ADMIN("platform-admin"),
    ORG_ADMIN("org-admin"),
    DIRECTORY_ADMIN("directory-admin"),
    SETUP_LINK("setup-link");

    private final String type;

    Kind(String type) {
      this.type = type;
    }

    static Kind of(String type) {
      return Arrays.stream(values()).filter(kind -> kind.type.equals(type)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no admin actor type " + type));
    }
  }

  /** The actor of an admin token with every scope: a platform admin without an org, an org admin with one. */
  public AdminActor(UUID tokenId, Optional<String> org, String name) {
    this(tokenId, org, name, AdminScope.ALL);
  }

  /** The actor of an admin token with the given scopes. */
  public AdminActor(UUID tokenId, Optional<String> org, String name, Set<AdminScope> scopes) {
    this(tokenId, org, name, org.isEmpty() ? Kind.PLATFORM_ADMIN : Kind.ORG_ADMIN, scopes);
  }

  public AdminActor {
    if ((kind == Kind.PLATFORM_ADMIN) != org.isEmpty()) {
      throw new IllegalArgumentException("only a platform admin has no org");
    }
    if (kind == Kind.SETUP_LINK && !AdminScope.SETUP_LINK.containsAll(scopes)) {
      throw new IllegalArgumentException("a setup link has no scope beyond setting up its org");
    }
    scopes = Set.copyOf(scopes);
  }

  public static AdminActor ofSetupLink(UUID linkId, String org) {
    return new AdminActor(linkId, Optional.of(org), "setup link for " + org, Kind.SETUP_LINK, AdminScope.SETUP_LINK);
  }

  /** A user of the directory with the admin role of their org, signed in to the console through the broker. */
  public static AdminActor ofDirectoryAdmin(UUID userId, String org, String email) {
    return new AdminActor(userId, Optional.of(org), email, Kind.DIRECTORY_ADMIN, AdminScope.ALL);
  }

  public boolean isPlatform() {
    return org.isEmpty();
  }

  public boolean setupLink() {
    return kind == Kind.SETUP_LINK;
  }

  /** Whether this actor may see and change the given org. */
  public boolean mayAccess(String slug) {
    return org.isEmpty() || org.get().equals(slug);
  }

  /** Whether this actor's scopes cover this admin address; an address that needs no scope is no admin operation. */
  public boolean hasScopeFor(String address) {
    return AdminScope.requiredFor(address).map(scopes::contains).orElse(false);
  }

  /** Whether a setup link may ask this address: only what setting up an org needs. Any other actor may. */
  public boolean withinSetupLink(String address) {
    return !setupLink() || AdminContract.SETUP_LINK_ADDRESSES.contains(address);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("tokenId", tokenId.toString()).put("name", name).put("type", kind.type)
        .put("scopes", new JsonArray(scopes.stream().sorted().map(AdminScope::text).toList()));
    org.ifPresent(slug -> json.put("org", slug));
    return json;
  }

  /** An actor as the gateway sends it; an unknown scope's name is dropped, never widened into another. */
  public static AdminActor fromJson(JsonObject json) {
    Set<AdminScope> scopes = EnumSet.noneOf(AdminScope.class);
    json.getJsonArray("scopes", new JsonArray()).forEach(text ->
        AdminScope.parse(String.valueOf(text)).ifPresent(scopes::add));
    return new AdminActor(UUID.fromString(json.getString("tokenId")), Optional.ofNullable(json.getString("org")),
        json.getString("name"), Kind.of(json.getString("type")), scopes);
  }
}
