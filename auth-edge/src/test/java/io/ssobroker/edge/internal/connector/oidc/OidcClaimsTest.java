package io.ssobroker.edge.internal.connector.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.Identity;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.connector.ClaimMapping;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A verified token's claims through the connector's claim mapping, and the default rules of a plain provider. */
class OidcClaimsTest {

  private static final OidcProfile PLAIN = () -> URI.create("https://idp.test/.well-known/openid-configuration");

  private static Identity identity(JsonObject claims, ClaimMapping mapping) {
    return OidcClaims.identity(new VerifiedIdToken("sub-1", claims), mapping, PLAIN);
  }

  private static LoginFailure refused(JsonObject claims, ClaimMapping mapping) {
    try {
      identity(claims, mapping);
    } catch (LoginFailure failure) {
      return failure;
    }
    throw new AssertionError("accepted " + claims);
  }

  @Test
  void theMappedClaimsGiveTheEmailAndName() {
    Identity mapped = identity(new JsonObject().put("upn", "Dave@Umbrella.com").put("display", " Dave "),
        new ClaimMapping("upn", "display"));
    assertThat(mapped.subject()).isEqualTo("sub-1");
    assertThat(mapped.email().value()).isEqualTo("dave@umbrella.com");
    assertThat(mapped.name()).contains("Dave");
    assertThat(identity(new JsonObject().put("email", "a@b.com").put("name", "  "), ClaimMapping.DEFAULT).name()).isEmpty();
  }

  @Test
  void aMissingOrInvalidEmailIsRefusedKnowingTheSubject() {
    LoginFailure missing = refused(new JsonObject().put("name", "x"), ClaimMapping.DEFAULT);
    assertThat(missing.reason()).isEqualTo(LoginReason.MISSING_EMAIL);
    assertThat(missing.subject()).contains("sub-1");
    assertThat(refused(new JsonObject().put("email", 42), ClaimMapping.DEFAULT).reason()).isEqualTo(LoginReason.MISSING_EMAIL);
    LoginFailure invalid = refused(new JsonObject().put("email", "not-an-email"), ClaimMapping.DEFAULT);
    assertThat(invalid.reason()).isEqualTo(LoginReason.INVALID_EMAIL);
    assertThat(invalid.email()).contains("not-an-email");
  }

  @Test
  void aPlainProviderRefusesOnlyAnEmailItSaysIsNotVerified() {
    assertThat(refused(new JsonObject().put("email", "a@b.com").put("email_verified", false), ClaimMapping.DEFAULT)
        .reason()).isEqualTo(LoginReason.EMAIL_NOT_VERIFIED);
    assertThat(refused(new JsonObject().put("email", "a@b.com").put("email_verified", "false"), ClaimMapping.DEFAULT)
        .reason()).isEqualTo(LoginReason.EMAIL_NOT_VERIFIED);
    assertThat(identity(new JsonObject().put("email", "a@b.com"), ClaimMapping.DEFAULT)).isNotNull();
    assertThat(identity(new JsonObject().put("email", "a@b.com").put("email_verified", true), ClaimMapping.DEFAULT))
        .isNotNull();
  }
}
