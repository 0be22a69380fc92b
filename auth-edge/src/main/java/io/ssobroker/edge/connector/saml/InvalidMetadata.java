package io.ssobroker.edge.connector.saml;

/** IdP metadata, or a configured certificate, that cannot be used; the message says why and may be shown to admins. */
public final class InvalidMetadata extends RuntimeException {

  public InvalidMetadata(String message) {
    super(message, null, false, false);
  }
}
