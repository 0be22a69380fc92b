package io.ssobroker.edge.internal.connector.oidc;

import io.ssobroker.platform.Tokens;

/** The S256 code challenge of a PKCE verifier (RFC 7636). */
final class Pkce {

  private Pkce() {}

  public static String s256(String verifier) {
    return Tokens.base64url(Tokens.sha256(verifier));
  }
}
