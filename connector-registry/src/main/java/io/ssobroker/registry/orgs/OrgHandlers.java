package io.ssobroker.registry.orgs;

import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.Origins;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.ssobroker.platform.registry.OrgBranding;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The admin API's org operations. A body reads into {@link CreateOrgRequest} or {@link OrgFields}: {@code slug}
 * (on creation only), {@code name}, {@code landingUrl}, {@code allowedReturnOrigins}, {@code branding}
 * ({@link OrgBranding}). Who may not ask is refused before the body is read.
 */
public final class OrgHandlers {

  private static final Set<String> CREATE_FIELDS = Set.of("slug", "name", "landingUrl", "allowedReturnOrigins",
      "branding");
  private static final Set<String> UPDATE_FIELDS = Set.of("name", "landingUrl", "allowedReturnOrigins", "branding");
  private static final int MAX_NAME = 200;

  private final OrgService orgs;

  public OrgHandlers(OrgService orgs) {
    this.orgs = orgs;
  }

  public Future<JsonObject> create(AdminRequest request) {
    return OrgService.mayCreate(request.actor()).map(allowed -> createRequest(request.body()))
        .compose(create -> orgs.create(request.actor(), create)).map(Org::toJson);
  }

  public Future<JsonObject> list(AdminRequest request) {
    return orgs.list(request.actor())
        .map(found -> new JsonObject().put("orgs", new JsonArray(found.stream().map(Org::toJson).toList())));
  }

  public Future<JsonObject> get(AdminRequest request) {
    return orgs.get(request.actor(), request.param("org")).map(Org::toJson);
  }

  public Future<JsonObject> update(AdminRequest request) {
    String slug = request.param("org");
    return OrgService.maySee(request.actor(), slug).map(visible -> updateFields(request.body()))
        .compose(fields -> orgs.update(request.actor(), slug, fields)).map(Org::toJson);
  }

  public Future<JsonObject> delete(AdminRequest request) {
    return orgs.delete(request.actor(), request.param("org")).map(deleted -> new JsonObject());
  }

  static CreateOrgRequest createRequest(JsonObject body) {
    try {
      FieldReader reader = new FieldReader(body, "");
      reader.allowOnly(CREATE_FIELDS);
      String slug = reader.requiredText("slug");
      if (!OrgSlug.isValid(slug)) {
        throw reader.error("slug", OrgSlug.describeRule());
      }
      return new CreateOrgRequest(slug, fields(reader));
    } catch (DefinitionException invalid) {
      throw ServiceException.invalid(invalid);
    }
  }

  static OrgFields updateFields(JsonObject body) {
    try {
      FieldReader reader = new FieldReader(body, "");
      reader.allowOnly(UPDATE_FIELDS);
      return fields(reader);
    } catch (DefinitionException invalid) {
      throw ServiceException.invalid(invalid);
    }
  }

  private static OrgFields fields(FieldReader reader) {
    String name = reader.requiredText("name");
    if (name.length() > MAX_NAME) {
      throw reader.error("name", "at most " + MAX_NAME + " characters");
    }
    java.util.Optional<String> landingUrl = reader.optionalText("landingUrl")
        .map(url -> reader.secureUrl("landingUrl", url).toString());
    return new OrgFields(name, landingUrl, origins(reader), OrgBranding.read(reader));
  }

  private static List<String> origins(FieldReader reader) {
    Set<String> origins = new LinkedHashSet<>();
    List<String> written = reader.textList("allowedReturnOrigins");
    for (int i = 0; i < written.size(); i++) {
      String field = "allowedReturnOrigins[" + i + "]";
      URI uri = reader.secureUrl(field, written.get(i));
      if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
          || uri.getRawQuery() != null
          || uri.getRawUserInfo() != null) {
        throw reader.error(field, "must be an origin such as https://app.example.com");
      }
      origins.add(Origins.of(uri));
    }
    return new ArrayList<>(origins);
  }
}
