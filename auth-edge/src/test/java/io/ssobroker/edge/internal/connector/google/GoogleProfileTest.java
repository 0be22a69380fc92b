package io.ssobroker.edge.internal.connector.google;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.GoogleSettings;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Google is one issuer for every account: the Workspace is its hosted domain, and the email must be verified. */
class GoogleProfileTest {

  private static final GoogleProfile PROFILE = new GoogleProfile((GoogleSettings) ConnectorDefinition.openSettings(
      ConnectorKind.GOOGLE, new JsonObject().put("hostedDomain", "initech.com").put("clientId", "app"),
      Optional.of("secret")), new IdpAuthorities(URI.create("https://m"), URI.create("https://accounts.google.com"), "https"));

  private static LoginReason refusal(JsonObject claims) {
    try {
      PROFILE.checkEmailClaims(claims);
    } catch (LoginFailure refused) {
      return refused.reason();
    }
    throw new AssertionError("accepted " + claims);
  }

  @Test
  void theWorkspaceIsPinnedByItsHostedDomain() {
    assertThat(PROFILE.discoveryUrl().toString()).isEqualTo("https://accounts.google.com/.well-known/openid-configuration");
    assertThat(PROFILE.discoveryIssuer()).isEqualTo("https://accounts.google.com");
    PROFILE.checkEmailClaims(new JsonObject().put("hd", "initech.com").put("email_verified", true));
    assertThat(refusal(new JsonObject().put("email_verified", true))).isEqualTo(LoginReason.HOSTED_DOMAIN_MISMATCH);
    assertThat(refusal(new JsonObject().put("hd", "gmail.com").put("email_verified", true)))
        .isEqualTo(LoginReason.HOSTED_DOMAIN_MISMATCH);
    assertThat(refusal(new JsonObject().put("hd", "INITECH.com").put("email_verified", true)))
        .isEqualTo(LoginReason.HOSTED_DOMAIN_MISMATCH);
  }

  @Test
  void theEmailMustBeVerified() {
    assertThat(refusal(new JsonObject().put("hd", "initech.com"))).isEqualTo(LoginReason.EMAIL_NOT_VERIFIED);
    assertThat(refusal(new JsonObject().put("hd", "initech.com").put("email_verified", false)))
        .isEqualTo(LoginReason.EMAIL_NOT_VERIFIED);
    PROFILE.checkEmailClaims(new JsonObject().put("hd", "initech.com").put("email_verified", "true"));
  }

  @Test
  void theAuthorizationRequestNamesTheHostedDomain() {
    Map<String, String> parameters = new HashMap<>();
    PROFILE.addAuthorizationParameters(parameters, EmailAddress.parse("carol@initech.com"));
    assertThat(parameters).containsExactly(Map.entry("hd", "initech.com"));
  }
}
