package io.ssobroker.edge.internal.connector.saml;

/** IdP metadata, or a configured certificate, that cannot be used; the message says why and may be shown to admins. */
final class InvalidMetadata extends RuntimeException {

  public InvalidMetadata(String message) {
    super(message, null, false, false);
  }
}
