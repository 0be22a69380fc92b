package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Microsoft Entra ID. Single tenant: tokens must come from {@code tenantId}. Multi-tenant: from any tenant, or only
 * from {@code allowedTenants} when listed; the token's {@code tid} decides, and the issuer must be that tenant's.
 */
public record AzureSettings(OidcClientFields client, String tenantId, boolean multiTenant, List<String> allowedTenants)
    implements OidcClientSettings {

  private static final Set<String> FIELDS = union(OidcClientFields.NAMES, Set.of("tenantId", "tenantType", "allowedTenants"));

  static AzureSettings read(FieldReader parameters, SecretResolver secrets) {
    parameters.allowOnly(FIELDS);
    String tenantId = parameters.requiredText("tenantId").toLowerCase(Locale.ROOT);
    String tenantType = parameters.requiredText("tenantType");
    if (!tenantType.equals("single") && !tenantType.equals("multi")) {
      throw parameters.error("tenantType", "must be single or multi");
    }
    List<String> allowed = parameters.textList("allowedTenants").stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    if (tenantType.equals("single") && !allowed.isEmpty()) {
      throw parameters.error("allowedTenants", "only for tenantType multi");
    }
    return new AzureSettings(OidcClientFields.read(parameters, secrets), tenantId, tenantType.equals("multi"), allowed);
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.AZURE;
  }

  /** Single tenant: that tenant's document. Multi-tenant: {@code organizations}, whose issuer is a template. */
  @Override
  public URI discoveryUrl(IdpAuthorities authorities) {
    String tenant = multiTenant ? "organizations" : tenantId;
    return URI.create(authorities.azure() + "/" + tenant + "/v2.0/.well-known/openid-configuration");
  }

  public boolean acceptsTenant(String tid) {
    if (tid == null) {
      return false;
    }
    String tenant = tid.toLowerCase(Locale.ROOT);
    if (!multiTenant) {
      return tenant.equals(tenantId);
    }
    return allowedTenants.isEmpty() || allowedTenants.contains(tenant);
  }

  @Override
  public JsonObject toParameters() {
    JsonObject parameters = new JsonObject().put("tenantId", tenantId).put("tenantType", multiTenant ? "multi" : "single");
    if (!allowedTenants.isEmpty()) {
      parameters.put("allowedTenants", new JsonArray(allowedTenants));
    }
    client.writeTo(parameters);
    return parameters;
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
