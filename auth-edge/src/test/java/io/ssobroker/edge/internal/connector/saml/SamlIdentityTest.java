package io.ssobroker.edge.internal.connector.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.Identity;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.connector.ClaimMapping;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which value of a verified assertion becomes the user's email and name. */
class SamlIdentityTest {

  private static ValidatedAssertion assertion(String nameId, Map<String, List<String>> attributes) {
    return new ValidatedAssertion("https://idp.example.test", "_a1", nameId, Optional.empty(), attributes,
        Instant.parse("2026-11-22T10:00:00Z"), Optional.empty(), Optional.empty());
  }

  @Test
  void theMappedAttributeWinsOverTheNameId() {
    Identity identity = SamlIdentity.map(assertion("opaque-id-42",
        Map.of("mail", List.of(" Alice@Acme.com "), "displayName", List.of("Alice A."))),
        new ClaimMapping("mail", "displayName"));

    assertThat(identity.email().value()).isEqualToIgnoringCase("alice@acme.com");
    assertThat(identity.name()).contains("Alice A.");
    assertThat(identity.subject()).isEqualTo("opaque-id-42");
  }

  @Test
  void withoutTheAttributeTheNameIdIsTheEmail() {
    Identity identity = SamlIdentity.map(assertion("bob@acme.com", Map.of()), ClaimMapping.DEFAULT);

    assertThat(identity.email().value()).isEqualTo("bob@acme.com");
    assertThat(identity.name()).isEmpty();
  }

  @Test
  void aValueThatIsNoEmailIsRejected() {
    assertThatThrownBy(() -> SamlIdentity.map(assertion("opaque-id-42", Map.of()), ClaimMapping.DEFAULT))
        .isInstanceOfSatisfying(LoginFailure.class, failure -> {
          assertThat(failure.category()).isEqualTo(LoginFailureCategory.EMAIL_VALIDATION_FAILED);
          assertThat(failure.reason()).isEqualTo(LoginReason.INVALID_EMAIL);
          assertThat(failure.subject()).contains("opaque-id-42");
        });
  }

  @Test
  void aBlankAttributeFallsBackToTheNameId() {
    Identity identity = SamlIdentity.map(assertion("carol@acme.com", Map.of("email", List.of("  "))),
        ClaimMapping.DEFAULT);

    assertThat(identity.email().value()).isEqualTo("carol@acme.com");
  }
}
