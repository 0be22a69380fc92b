package io.ssobroker.edge.login;

import io.ssobroker.edge.connector.LoginFailure;
import io.ssobroker.edge.connector.oidc.VerifiedIdToken;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.AzureSettings;
import io.ssobroker.platform.connector.ClaimMapping;
import io.ssobroker.platform.connector.GoogleSettings;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.connector.OktaSettings;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Turns verified claims into the user's email and name through the connector's claim mapping, with each kind's rules:
 * Google's {@code hd} must be the hosted domain and its email verified; Okta's email must be verified; Entra does not
 * verify emails, but where the token says the email's domain owner is not verified ({@code xms_edov}) it is refused;
 * any other IdP's email is refused when it says it is not verified. Whatever the kind, an email is only trusted inside
 * the connector's verified domains (checked by {@link UserGate}).
 */
final class ClaimMapper {

  private ClaimMapper() {}

  static MappedIdentity map(VerifiedIdToken token, ClaimMapping mapping, OidcClientSettings settings) {
    JsonObject claims = token.claims();
    if (!(claims.getValue(mapping.email()) instanceof String rawEmail) || rawEmail.isBlank()) {
      throw LoginFailure.email("missing_email");
    }
    EmailAddress email = EmailAddress.parse(rawEmail).orElseThrow(() -> LoginFailure.email("invalid_email"));
    if (settings instanceof GoogleSettings google) {
      if (!google.hostedDomain().equals(claims.getValue("hd"))) {
        throw LoginFailure.email("hosted_domain_mismatch");
      }
      if (!isTrue(claims.getValue("email_verified"))) {
        throw LoginFailure.email("email_not_verified");
      }
    } else if (settings instanceof AzureSettings) {
      if (claims.containsKey("xms_edov") && !isTrue(claims.getValue("xms_edov"))) {
        throw LoginFailure.email("email_domain_not_verified");
      }
    } else if (settings instanceof OktaSettings) {
      if (!isTrue(claims.getValue("email_verified"))) {
        throw LoginFailure.email("email_not_verified");
      }
    } else if (isFalse(claims.getValue("email_verified"))) {
      throw LoginFailure.email("email_not_verified");
    }
    Optional<String> name = claims.getValue(mapping.name()) instanceof String text && !text.isBlank()
        ? Optional.of(text.trim()) : Optional.empty();
    return new MappedIdentity(email, name, token.subject());
  }

  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  private static boolean isFalse(Object value) {
    return Boolean.FALSE.equals(value) || "false".equals(value);
  }
}
