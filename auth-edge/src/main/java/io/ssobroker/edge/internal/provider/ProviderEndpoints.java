package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.id.Issuer;
import java.net.URI;

/** The provider's issuer and endpoint addresses, all under {@code publicBaseUrl}. */
public record ProviderEndpoints(Issuer issuer, URI authorize, URI token, URI userInfo, URI jwks, URI introspect,
    URI revoke, URI endSession) {

  public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
  public static final String AUTHORIZE_PATH = "/oauth2/authorize";
  public static final String TOKEN_PATH = "/oauth2/token";
  public static final String USERINFO_PATH = "/oauth2/userinfo";
  public static final String JWKS_PATH = "/oauth2/jwks";
  public static final String INTROSPECT_PATH = "/oauth2/introspect";
  public static final String REVOKE_PATH = "/oauth2/revoke";
  public static final String END_SESSION_PATH = "/oauth2/logout";

  public static ProviderEndpoints under(URI publicBaseUrl) {
    String base = publicBaseUrl.toString().replaceAll("/+$", "");
    return new ProviderEndpoints(new Issuer(base), URI.create(base + AUTHORIZE_PATH), URI.create(base + TOKEN_PATH),
        URI.create(base + USERINFO_PATH), URI.create(base + JWKS_PATH), URI.create(base + INTROSPECT_PATH),
        URI.create(base + REVOKE_PATH), URI.create(base + END_SESSION_PATH));
  }
}
