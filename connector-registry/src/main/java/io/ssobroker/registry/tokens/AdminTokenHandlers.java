package io.ssobroker.registry.tokens;

import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The admin API's token operations: each reads its request into a {@link CreateTokenRequest} or an id, and answers JSON. */
public final class AdminTokenHandlers {

  private static final Set<String> CREATE_FIELDS = Set.of("org", "name", "scopes");
  private static final int MAX_NAME = 200;

  private final AdminTokenService tokens;

  public AdminTokenHandlers(AdminTokenService tokens) {
    this.tokens = tokens;
  }

  /** {@code {"org": "acme", "name": "...", "scopes"?: ["users:read", ...]}}: answers the token's value, once. */
  public Future<JsonObject> create(AdminRequest request) {
    return Future.succeededFuture(request.body()).map(AdminTokenHandlers::createRequest)
        .compose(create -> tokens.create(request.actor(), create))
        .map(created -> created.token().toJson().put("token", created.value()));
  }

  public Future<JsonObject> list(AdminRequest request) {
    return tokens.list(request.actor()).map(found -> new JsonObject()
        .put("tokens", new JsonArray(found.stream().map(AdminToken::toJson).toList())));
  }

  public Future<JsonObject> revoke(AdminRequest request) {
    return Future.succeededFuture(request.param("id")).map(AdminTokenHandlers::tokenId)
        .compose(id -> tokens.revoke(request.actor(), id))
        .map(AdminToken::toJson);
  }

  static CreateTokenRequest createRequest(JsonObject body) {
    FieldReader fields = new FieldReader(body, "");
    try {
      fields.allowOnly(CREATE_FIELDS);
      String org = fields.requiredText("org");
      String name = fields.requiredText("name");
      if (!OrgSlug.isValid(org)) {
        throw fields.error("org", OrgSlug.describeRule());
      }
      if (name.length() > MAX_NAME) {
        throw fields.error("name", "at most " + MAX_NAME + " characters");
      }
      return new CreateTokenRequest(org, name, scopes(body.getValue("scopes")));
    } catch (DefinitionException invalid) {
      throw ServiceException.invalid(invalid);
    }
  }

  /** Scope names as {@link AdminScope#parse} reads them; none given: the creator's own. */
  private static Optional<List<AdminScope>> scopes(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonArray names) || names.isEmpty()) {
      throw ServiceException.invalid("scopes", "a non-empty list of scope names, or none for the creator's own");
    }
    List<AdminScope> scopes = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Object name = names.getValue(i);
      String field = "scopes[" + i + "]";
      scopes.add(AdminScope.parse(name instanceof String text ? text : null).orElseThrow(() ->
          ServiceException.invalid(field, "unknown scope " + name + "; one of " + AdminScope.describe(AdminScope.ALL))));
    }
    return Optional.of(scopes);
  }

  private static UUID tokenId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      throw AdminTokenService.noToken();
    }
  }
}
