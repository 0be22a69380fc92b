package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Microsoft Entra ID. Single tenant: tokens must come from {@code tenantId}. Multi-tenant: only from the tenants named
 * in {@code allowedTenants}, which is required: an Entra tenant's administrator sets its users' {@code email} and
 * {@code preferred_username} freely, so a tenant that is not trusted by name could sign in as anyone of the org (nOAuth).
 * The token's {@code tid} decides, and its issuer must be that tenant's. The consumer-accounts tenant (personal
 * Microsoft accounts) never signs in to an org.
 */
public record AzureSettings(OidcClientFields client, String tenantId, boolean multiTenant, List<String> allowedTenants)
    implements OidcClientSettings {

  /** The tenant of personal Microsoft accounts (outlook.com, live.com): anyone can create an account there. */
  public static final String CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

  private static final Set<String> FIELDS = union(OidcClientFields.NAMES, Set.of("tenantId", "tenantType", "allowedTenants"));
  private static final Pattern TENANT_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  public AzureSettings {
    allowedTenants = List.copyOf(allowedTenants);
  }

  static AzureSettings read(FieldReader parameters, SecretResolver secrets) {
    parameters.allowOnly(FIELDS);
    String tenantId = tenantId(parameters, "tenantId", parameters.requiredText("tenantId"));
    String tenantType = parameters.requiredText("tenantType");
    if (!tenantType.equals("single") && !tenantType.equals("multi")) {
      throw parameters.error("tenantType", "must be single or multi");
    }
    List<String> written = parameters.textList("allowedTenants");
    if (tenantType.equals("single") && !written.isEmpty()) {
      throw parameters.error("allowedTenants", "only for tenantType multi");
    }
    if (tenantType.equals("multi") && written.isEmpty()) {
      throw parameters.error("allowedTenants", "required for tenantType multi: the ids of the Entra tenants whose "
          + "users may sign in to this org (any other tenant could assert any email)");
    }
    List<String> allowed = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      String tenant = tenantId(parameters, "allowedTenants[" + i + "]", written.get(i));
      if (allowed.contains(tenant)) {
        throw parameters.error("allowedTenants[" + i + "]", "listed twice");
      }
      allowed.add(tenant);
    }
    return new AzureSettings(OidcClientFields.read(parameters, secrets), tenantId, tenantType.equals("multi"), allowed);
  }

  private static String tenantId(FieldReader parameters, String field, String written) {
    String tenant = written.toLowerCase(Locale.ROOT);
    if (!TENANT_ID.matcher(tenant).matches()) {
      throw parameters.error(field, "must be an Entra tenant id, a GUID such as 00000000-0000-0000-0000-000000000000"
          + (Set.of("common", "organizations", "consumers").contains(tenant)
              ? " (for several tenants use tenantType multi and list them in allowedTenants)" : ""));
    }
    if (tenant.equals(CONSUMER_TENANT)) {
      throw parameters.error(field, "the personal Microsoft accounts tenant cannot sign in to an org");
    }
    return tenant;
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

  /** The tenants whose tokens this connector accepts. */
  public List<String> trustedTenants() {
    return multiTenant ? allowedTenants : List.of(tenantId);
  }

  public boolean acceptsTenant(String tid) {
    if (tid == null) {
      return false;
    }
    String tenant = tid.toLowerCase(Locale.ROOT);
    return !tenant.equals(CONSUMER_TENANT) && trustedTenants().contains(tenant);
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
