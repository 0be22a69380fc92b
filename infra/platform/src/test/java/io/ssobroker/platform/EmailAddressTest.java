package io.ssobroker.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

  @Test
  void normalizesToTrimmedLowerCase() {
    assertThat(EmailAddress.parse("  Alice.Doe@ACME.com ")).hasValueSatisfying(email -> {
      assertThat(email.value()).isEqualTo("alice.doe@acme.com");
      assertThat(email.domain()).isEqualTo("acme.com");
    });
  }

  @Test
  void rejectsWhatIsNotAnEmail() {
    assertThat(EmailAddress.parse(null)).isEmpty();
    assertThat(EmailAddress.parse("")).isEmpty();
    assertThat(EmailAddress.parse("alice")).isEmpty();
    assertThat(EmailAddress.parse("alice@acme")).isEmpty();
    assertThat(EmailAddress.parse("a@b@acme.com")).isEmpty();
    assertThat(EmailAddress.parse("al ice@acme.com")).isEmpty();
    assertThat(EmailAddress.parse("alice@acme.com.")).isEmpty();
    assertThat(EmailAddress.parse("a".repeat(250) + "@acme.com")).isEmpty();
  }

  @Test
  void orgSlugRule() {
    assertThat(OrgSlug.isValid("acme")).isTrue();
    assertThat(OrgSlug.isValid("acme-2")).isTrue();
    assertThat(OrgSlug.isValid("-acme")).isFalse();
    assertThat(OrgSlug.isValid("Acme")).isFalse();
    assertThat(OrgSlug.isValid("a".repeat(64))).isFalse();
    assertThat(OrgSlug.isValid(null)).isFalse();
  }
}
