package io.ssobroker.edge.internal.connector.google;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.connector.oidc.OidcProfile;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.GoogleSettings;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Google Workspace. Google is one issuer for every account, so the Workspace is pinned by its hosted domain: the
 * token's {@code hd} must equal {@code hostedDomain} (consumer accounts have none) and its email must be verified.
 */
final class GoogleProfile implements OidcProfile {

  private final GoogleSettings settings;
  private final IdpAuthorities authorities;

  GoogleProfile(GoogleSettings settings, IdpAuthorities authorities) {
    this.settings = settings;
    this.authorities = authorities;
  }

  @Override
  public URI discoveryUrl() {
    return settings.discoveryUrl(authorities);
  }

  /** Google's account chooser shows the Workspace's accounts only. */
  @Override
  public void addAuthorizationParameters(Map<String, String> parameters, Optional<EmailAddress> loginHint) {
    parameters.put("hd", settings.hostedDomain());
  }

  @Override
  public void checkEmailClaims(JsonObject claims) {
    if (!settings.hostedDomain().equals(claims.getValue("hd"))) {
      throw LoginFailure.of(LoginReason.HOSTED_DOMAIN_MISMATCH);
    }
    if (!OidcProfile.isTrue(claims.getValue("email_verified"))) {
      throw LoginFailure.of(LoginReason.EMAIL_NOT_VERIFIED);
    }
  }
}
