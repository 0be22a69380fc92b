package io.ssobroker.registry.domains;

import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.DomainNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The admin API's domain operations: {@code {"domain": "acme.com"}} in, domains as JSON out. */
public final class DomainHandlers {

  private final DomainService domains;

  public DomainHandlers(DomainService domains) {
    this.domains = domains;
  }

  public Future<JsonObject> claim(AdminRequest request) {
    return Future.succeededFuture(request.body()).map(DomainHandlers::claimedDomain)
        .compose(domain -> domains.claim(request.actor(), request.param("org"), domain)).map(Domain::toJson);
  }

  public Future<JsonObject> list(AdminRequest request) {
    return domains.list(request.actor(), request.param("org")).map(found -> new JsonObject()
        .put("domains", new JsonArray(found.stream().map(Domain::toJson).toList())));
  }

  public Future<JsonObject> get(AdminRequest request) {
    return domains.get(request.actor(), request.param("org"), request.param("domain")).map(Domain::toJson);
  }

  public Future<JsonObject> delete(AdminRequest request) {
    return domains.delete(request.actor(), request.param("org"), request.param("domain"))
        .map(deleted -> new JsonObject());
  }

  public Future<JsonObject> verify(AdminRequest request) {
    return domains.verify(request.actor(), request.param("org"), request.param("domain")).map(Domain::toJson);
  }

  /** The domain a claim names, lowercase. */
  static String claimedDomain(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!field.equals("domain")) {
        throw ServiceException.invalid(field, "unknown field");
      }
    }
    String domain = body.getValue("domain") instanceof String text ? text.trim().toLowerCase(Locale.ROOT) : null;
    if (!DomainNames.isValid(domain)) {
      throw ServiceException.invalid("domain", "must be a domain name such as acme.com");
    }
    return domain;
  }
}
