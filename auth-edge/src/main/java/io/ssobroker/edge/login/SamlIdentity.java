package io.ssobroker.edge.login;

import io.ssobroker.edge.connector.LoginFailure;
import io.ssobroker.edge.connector.saml.ValidatedAssertion;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.ClaimMapping;
import java.util.Optional;

/**
 * The user's email and name from a verified assertion: the email is the attribute that the claim mapping names
 * ({@code email} by default) when the assertion carries it, else the NameID; the name is the mapped attribute, if any.
 */
final class SamlIdentity {

  private SamlIdentity() {}

  static MappedIdentity map(ValidatedAssertion assertion, ClaimMapping mapping) {
    String raw = assertion.firstValue(mapping.email()).orElse(assertion.nameId()).strip();
    if (raw.isEmpty()) {
      throw LoginFailure.email("missing_email");
    }
    EmailAddress email = EmailAddress.parse(raw).orElseThrow(() -> LoginFailure.email("invalid_email"));
    Optional<String> name = assertion.firstValue(mapping.name()).map(String::strip);
    return new MappedIdentity(email, name, assertion.nameId());
  }
}
