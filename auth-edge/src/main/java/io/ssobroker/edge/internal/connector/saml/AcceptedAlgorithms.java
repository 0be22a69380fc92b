package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.ECDSA_SHA256;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.ECDSA_SHA384;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.ECDSA_SHA512;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.ENVELOPED_SIGNATURE;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.EXCLUSIVE_C14N;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.INCLUSIVE_C14N;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.INCLUSIVE_C14N_11;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.RSA_PSS_SHA256;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.RSA_PSS_SHA384;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.RSA_PSS_SHA512;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.RSA_SHA256;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.RSA_SHA384;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.RSA_SHA512;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.SHA256;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.SHA384;
import static io.ssobroker.edge.connector.saml.SignatureAlgorithms.SHA512;

import java.util.Set;

/** The algorithms of {@code SignatureAlgorithms} that a signature may use; anything else is refused. */
final class AcceptedAlgorithms {

  static final Set<String> CANONICALIZATIONS = Set.of(EXCLUSIVE_C14N, INCLUSIVE_C14N, INCLUSIVE_C14N_11);
  static final Set<String> SIGNATURES = Set.of(RSA_SHA256, RSA_SHA384, RSA_SHA512, RSA_PSS_SHA256, RSA_PSS_SHA384,
      RSA_PSS_SHA512, ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512);
  static final Set<String> DIGESTS = Set.of(SHA256, SHA384, SHA512);
  static final Set<String> TRANSFORMS = Set.of(ENVELOPED_SIGNATURE, EXCLUSIVE_C14N, INCLUSIVE_C14N, INCLUSIVE_C14N_11);

  private AcceptedAlgorithms() {}
}
