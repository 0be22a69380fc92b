package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import java.util.Optional;

/**
 * A SAML response that was not accepted, with its reason from the catalogue (always an identity extraction failure). Expected, so no stack trace. When the IdP answered
 * with a status other than Success, {@link #idpStatus()} holds its status codes (only values of the SAML status
 * vocabulary, so an attacker cannot put text of its choice on the error page).
 */
final class SamlRejected extends RuntimeException {

  private final LoginReason rejection;
  private final Optional<String> idpStatus;

  public SamlRejected(LoginReason rejection) {
    this(rejection, Optional.empty());
  }

  public SamlRejected(LoginReason rejection, Optional<String> idpStatus) {
    super(rejection.code(), null, false, false);
    this.rejection = rejection;
    this.idpStatus = idpStatus;
  }

  public LoginReason rejection() {
    return rejection;
  }

  public String reason() {
    return rejection.code();
  }

  public Optional<String> idpStatus() {
    return idpStatus;
  }

  public LoginFailure asLoginFailure() {
    return LoginFailure.of(rejection);
  }
}
