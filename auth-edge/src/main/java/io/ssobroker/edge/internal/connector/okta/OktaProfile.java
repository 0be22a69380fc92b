package io.ssobroker.edge.internal.connector.okta;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.connector.oidc.OidcProfile;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.connector.OktaSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * Okta Workforce: the org authorization server ({@code https://<oktaDomain>}) or a custom one
 * ({@code https://<oktaDomain>/oauth2/<id>}), each its own issuer. Okta says whether it verified the email, and an email
 * it did not verify names nobody.
 */
final class OktaProfile implements OidcProfile {

  private final OktaSettings settings;
  private final IdpAuthorities authorities;

  OktaProfile(OktaSettings settings, IdpAuthorities authorities) {
    this.settings = settings;
    this.authorities = authorities;
  }

  @Override
  public URI discoveryUrl() {
    return settings.discoveryUrl(authorities);
  }

  @Override
  public void checkEmailClaims(JsonObject claims) {
    if (!OidcProfile.isTrue(claims.getValue("email_verified"))) {
      throw LoginFailure.of(LoginReason.EMAIL_NOT_VERIFIED);
    }
  }
}
