package io.ssobroker.edge.internal.connector.oidc;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.Identity;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.ClaimMapping;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** A verified ID token's claims as an {@link Identity}: the mapped email and name, once the kind's email rules hold. */
final class OidcClaims {

  private OidcClaims() {}

  static Identity identity(VerifiedIdToken token, ClaimMapping mapping, OidcProfile profile) {
    JsonObject claims = token.claims();
    if (!(claims.getValue(mapping.email()) instanceof String rawEmail) || rawEmail.isBlank()) {
      throw LoginFailure.of(LoginReason.MISSING_EMAIL).about(token.subject(), null);
    }
    EmailAddress email = EmailAddress.parse(rawEmail)
        .orElseThrow(() -> LoginFailure.of(LoginReason.INVALID_EMAIL).about(token.subject(), rawEmail));
    try {
      profile.checkEmailClaims(claims);
    } catch (LoginFailure refused) {
      throw refused.about(token.subject(), null);
    }
    Optional<String> name = claims.getValue(mapping.name()) instanceof String text && !text.isBlank()
        ? Optional.of(text.trim()) : Optional.empty();
    return new Identity(token.subject(), email, name);
  }
}
