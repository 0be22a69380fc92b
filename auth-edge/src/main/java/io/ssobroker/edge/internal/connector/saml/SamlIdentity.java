package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.Identity;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.ClaimMapping;
import java.util.Optional;

/**
 * The user's email and name from a verified assertion: the email is the attribute that the claim mapping names
 * ({@code email} by default) when the assertion carries it, else the NameID; the name is the mapped attribute, if any.
 */
final class SamlIdentity {

  private SamlIdentity() {}

  static Identity map(ValidatedAssertion assertion, ClaimMapping mapping) {
    String raw = assertion.firstValue(mapping.email()).orElse(assertion.nameId()).strip();
    if (raw.isEmpty()) {
      throw LoginFailure.of(LoginReason.MISSING_EMAIL).about(assertion.nameId(), null);
    }
    EmailAddress email = EmailAddress.parse(raw)
        .orElseThrow(() -> LoginFailure.of(LoginReason.INVALID_EMAIL).about(assertion.nameId(), raw));
    Optional<String> name = assertion.firstValue(mapping.name()).map(String::strip);
    return new Identity(assertion.nameId(), email, name);
  }
}
