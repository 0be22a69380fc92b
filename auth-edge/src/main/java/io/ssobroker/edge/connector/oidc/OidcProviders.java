package io.ssobroker.edge.connector.oidc;

import io.ssobroker.edge.idp.IdpCallFailed;
import io.ssobroker.edge.idp.IdpHttp;
import io.ssobroker.edge.connector.LoginFailure;
import io.ssobroker.platform.connector.AzureSettings;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The OIDC providers this edge has met, one per discovery URL, kept for the life of the process. */
public final class OidcProviders {

  private static final String WELL_KNOWN = "/.well-known/openid-configuration";
  private static final String TENANT_PLACEHOLDER = "{tenantid}";

  private final IdpHttp http;
  private final IdpAuthorities authorities;
  private final Clock clock;
  private final Map<URI, OidcProvider> providers = new ConcurrentHashMap<>();

  public OidcProviders(IdpHttp http, IdpAuthorities authorities, Clock clock) {
    this.http = http;
    this.authorities = authorities;
    this.clock = clock;
  }

  OidcProvider of(OidcClientSettings settings) {
    return providers.computeIfAbsent(settings.discoveryUrl(authorities), url -> new OidcProvider(url, http, clock));
  }

  /**
   * The provider's metadata, whose issuer must be the one its discovery URL promises (OpenID Connect Discovery 4.3);
   * for Entra multi-tenant, the tenant-independent template.
   */
  public Future<ProviderMetadata> metadata(OidcClientSettings settings) {
    return of(settings).metadata()
        .recover(failure -> Future.failedFuture(failure instanceof IdpCallFailed call
            ? LoginFailure.codeExchange("idp_" + call.reason())
            : LoginFailure.codeExchange("idp_misconfigured")))
        .compose(metadata -> metadata.issuer().equals(expectedIssuer(settings))
            ? Future.succeededFuture(metadata)
            : Future.failedFuture(LoginFailure.codeExchange("idp_issuer_mismatch")));
  }

  /**
   * The issuers whose RFC 9207 {@code iss} a callback of this connector may carry: the provider's own, or for Entra
   * multi-tenant, the issuer of each allowed tenant (never the template itself).
   */
  public Set<String> callbackIssuers(OidcClientSettings settings, ProviderMetadata provider) {
    if (settings instanceof AzureSettings azure && azure.multiTenant()) {
      return azure.trustedTenants().stream().map(tenant -> tenantIssuer(provider, tenant)).collect(Collectors.toSet());
    }
    return Set.of(provider.issuer());
  }

  /** The issuer of an Entra tenant, from the multi-tenant template of the discovery document. */
  static String tenantIssuer(ProviderMetadata provider, String tenant) {
    return provider.issuer().replace(TENANT_PLACEHOLDER, tenant);
  }

  public String expectedIssuer(OidcClientSettings settings) {
    if (settings instanceof AzureSettings azure && azure.multiTenant()) {
      return authorities.azure() + "/" + TENANT_PLACEHOLDER + "/v2.0";
    }
    String discovery = settings.discoveryUrl(authorities).toString();
    return discovery.endsWith(WELL_KNOWN) ? discovery.substring(0, discovery.length() - WELL_KNOWN.length()) : discovery;
  }

  public IdpHttp http() {
    return http;
  }
}
