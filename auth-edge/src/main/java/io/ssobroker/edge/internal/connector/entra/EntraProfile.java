package io.ssobroker.edge.internal.connector.entra;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.connector.oidc.OidcProfile;
import io.ssobroker.edge.internal.connector.oidc.ProviderMetadata;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.AzureSettings;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Microsoft Entra ID. A token's tenant ({@code tid}) must be the connector's single tenant or one of its allowed
 * tenants, and its issuer that tenant's: the multi-tenant discovery document names a template issuer
 * {@code .../{tenantid}/v2.0}. Entra does not verify the {@code email} claim, whose value any tenant's administrator
 * sets: beyond the tenant check it names a user only inside the connector's verified domains (the user gate), and
 * where the token says the email's domain owner is not verified ({@code xms_edov}), not at all.
 */
final class EntraProfile implements OidcProfile {

  private static final String TENANT_PLACEHOLDER = "{tenantid}";

  private final AzureSettings settings;
  private final IdpAuthorities authorities;

  EntraProfile(AzureSettings settings, IdpAuthorities authorities) {
    this.settings = settings;
    this.authorities = authorities;
  }

  @Override
  public URI discoveryUrl() {
    return settings.discoveryUrl(authorities);
  }

  @Override
  public String discoveryIssuer() {
    return settings.multiTenant() ? authorities.azure() + "/" + TENANT_PLACEHOLDER + "/v2.0"
        : OidcProfile.issuerOf(discoveryUrl());
  }

  /** Multi-tenant: the issuer of each allowed tenant, never the template itself. */
  @Override
  public Set<String> callbackIssuers(ProviderMetadata provider) {
    if (!settings.multiTenant()) {
      return Set.of(provider.issuer());
    }
    return settings.trustedTenants().stream().map(tenant -> tenantIssuer(provider, tenant)).collect(Collectors.toSet());
  }

  @Override
  public String tokenIssuer(ProviderMetadata provider, JsonObject claims) {
    String tenant = claims.getValue("tid") instanceof String tid ? tid : null;
    if (!settings.acceptsTenant(tenant)) {
      throw LoginFailure.of(LoginReason.TENANT_NOT_ALLOWED);
    }
    return settings.multiTenant() ? tenantIssuer(provider, tenant) : provider.issuer();
  }

  /** Entra skips its home-realm page for the user's domain. */
  @Override
  public void addAuthorizationParameters(Map<String, String> parameters, Optional<EmailAddress> loginHint) {
    loginHint.ifPresent(hint -> parameters.put("domain_hint", hint.domain()));
  }

  @Override
  public void checkEmailClaims(JsonObject claims) {
    if (claims.containsKey("xms_edov") && !OidcProfile.isTrue(claims.getValue("xms_edov"))) {
      throw LoginFailure.of(LoginReason.EMAIL_DOMAIN_NOT_VERIFIED);
    }
  }

  private static String tenantIssuer(ProviderMetadata provider, String tenant) {
    return provider.issuer().replace(TENANT_PLACEHOLDER, tenant);
  }
}
