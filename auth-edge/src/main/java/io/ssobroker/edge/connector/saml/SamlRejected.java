package io.ssobroker.edge.connector.saml;

import io.ssobroker.edge.connector.LoginFailure;
import java.util.Optional;

/**
 * A SAML response that was not accepted, with its stable reason. Expected, so no stack trace. When the IdP answered
 * with a status other than Success, {@link #idpStatus()} holds its status codes (only values of the SAML status
 * vocabulary, so an attacker cannot put text of its choice on the error page).
 */
public final class SamlRejected extends RuntimeException {

  private final SamlRejection rejection;
  private final Optional<String> idpStatus;

  public SamlRejected(SamlRejection rejection) {
    this(rejection, Optional.empty());
  }

  public SamlRejected(SamlRejection rejection, Optional<String> idpStatus) {
    super(rejection.code(), null, false, false);
    this.rejection = rejection;
    this.idpStatus = idpStatus;
  }

  public SamlRejection rejection() {
    return rejection;
  }

  public String reason() {
    return rejection.code();
  }

  public Optional<String> idpStatus() {
    return idpStatus;
  }

  /** Every rejected response means the IdP's answer gave no identity the broker can trust. */
  public LoginFailure asLoginFailure() {
    return LoginFailure.identity(reason());
  }
}
