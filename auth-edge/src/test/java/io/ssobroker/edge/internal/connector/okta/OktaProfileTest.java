package io.ssobroker.edge.internal.connector.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.connector.OktaSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Okta's org or custom authorization server, each its own issuer; an email Okta did not verify names nobody. */
class OktaProfileTest {

  private static OktaProfile profile(JsonObject parameters) {
    return new OktaProfile((OktaSettings) ConnectorDefinition.openSettings(ConnectorKind.OKTA,
        parameters.put("clientId", "app"), Optional.of("secret")), IdpAuthorities.VENDORS);
  }

  @Test
  void theOrgAuthorizationServerOrACustomOneIsTheIssuer() {
    OktaProfile org = profile(new JsonObject().put("oktaDomain", "acme.okta.com"));
    assertThat(org.discoveryUrl().toString()).isEqualTo("https://acme.okta.com/.well-known/openid-configuration");
    assertThat(org.discoveryIssuer()).isEqualTo("https://acme.okta.com");
    OktaProfile custom = profile(new JsonObject().put("oktaDomain", "https://login.acme.com/")
        .put("authorizationServerId", "default"));
    assertThat(custom.discoveryUrl().toString())
        .isEqualTo("https://login.acme.com/oauth2/default/.well-known/openid-configuration");
    assertThat(custom.discoveryIssuer()).isEqualTo("https://login.acme.com/oauth2/default");
  }

  @Test
  void anEmailOktaDidNotVerifyIsRefused() {
    OktaProfile okta = profile(new JsonObject().put("oktaDomain", "acme.okta.com"));
    okta.checkEmailClaims(new JsonObject().put("email_verified", true));
    for (JsonObject unverified : new JsonObject[] {new JsonObject(), new JsonObject().put("email_verified", false),
        new JsonObject().put("email_verified", "yes")}) {
      assertThatThrownBy(() -> okta.checkEmailClaims(unverified)).as("%s", unverified)
          .isInstanceOfSatisfying(LoginFailure.class,
              refused -> assertThat(refused.reason()).isEqualTo(LoginReason.EMAIL_NOT_VERIFIED));
    }
  }
}
