package io.ssobroker.edge.internal.connector.saml;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The broker's key for signing AuthnRequests (HTTP-Redirect binding, RSA-SHA256), with the certificate the IdP is
 * given in the SP metadata.
 */
public record RequestSigningKey(PrivateKey privateKey, X509Certificate certificate) {

  public RequestSigningKey {
    if (!"RSA".equals(privateKey.getAlgorithm())) {
      throw new IllegalArgumentException("AuthnRequests are signed with RSA keys only");
    }
  }
}
