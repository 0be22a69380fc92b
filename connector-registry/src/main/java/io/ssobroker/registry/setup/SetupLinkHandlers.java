package io.ssobroker.registry.setup;

import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The admin API's setup-link operations: {@code {"name"?, "expiresIn"?}} in, links as JSON out. */
public final class SetupLinkHandlers {

  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(3);
  static final Duration SHORTEST = Duration.ofMinutes(10);
  static final Duration LONGEST = Duration.ofDays(30);
  private static final Set<String> CREATE_FIELDS = Set.of("name", "expiresIn");
  private static final int MAX_NAME = 200;

  private final SetupLinkService links;

  public SetupLinkHandlers(SetupLinkService links) {
    this.links = links;
  }

  /** Answers the link with its secret {@code token} and console {@code path}, the only time they are shown. */
  public Future<JsonObject> create(AdminRequest request) {
    String org = request.param("org");
    return SetupLinkService.maySee(request.actor(), org).map(visible -> createRequest(request.body()))
        .compose(create -> links.create(request.actor(), org, create))
        .map(created -> created.link().toJson(created.link().createdAt()).put("token", created.secret())
            .put("path", "/console/setup/" + created.secret()));
  }

  public Future<JsonObject> list(AdminRequest request) {
    return links.list(request.actor(), request.param("org")).map(found -> {
      Instant now = links.now();
      return new JsonObject().put("setupLinks", new JsonArray(found.stream().map(link -> link.toJson(now)).toList()));
    });
  }

  public Future<JsonObject> revoke(AdminRequest request) {
    Optional<UUID> id = linkId(request.param("id"));
    if (id.isEmpty()) {
      return Future.failedFuture(SetupLinkService.noLink());
    }
    Instant now = links.now();
    return links.revoke(request.actor(), request.param("org"), id.get()).map(revoked -> revoked.toJson(now));
  }

  static CreateSetupLinkRequest createRequest(JsonObject body) {
    FieldReader fields = new FieldReader(body, "");
    try {
      fields.allowOnly(CREATE_FIELDS);
      Optional<String> name = fields.optionalText("name");
      if (name.isPresent() && name.get().length() > MAX_NAME) {
        throw fields.error("name", "at most " + MAX_NAME + " characters");
      }
      return new CreateSetupLinkRequest(name,
          fields.optionalDuration("expiresIn", SHORTEST, LONGEST).orElse(DEFAULT_LIFETIME));
    } catch (DefinitionException invalid) {
      throw ServiceException.invalid(invalid);
    }
  }

  private static Optional<UUID> linkId(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      return Optional.empty();
    }
  }
}
