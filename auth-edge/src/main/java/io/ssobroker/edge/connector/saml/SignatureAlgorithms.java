package io.ssobroker.edge.connector.saml;

/**
 * The XML signature algorithms the broker accepts: RSA (PKCS#1 v1.5 or PSS) and ECDSA with SHA-256 or stronger,
 * SHA-256 or stronger digests, and canonicalizations without comments. SHA-1 and MD5 are refused by policy, and so
 * is every transform but the enveloped signature and canonicalization (no XPath, no XSLT).
 */
public final class SignatureAlgorithms {

  public static final String EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
  public static final String INCLUSIVE_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
  public static final String INCLUSIVE_C14N_11 = "http://www.w3.org/2006/12/xml-c14n11";
  public static final String ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

  public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  public static final String RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
  public static final String RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
  public static final String RSA_PSS_SHA256 = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";
  public static final String RSA_PSS_SHA384 = "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1";
  public static final String RSA_PSS_SHA512 = "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1";
  public static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
  public static final String ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
  public static final String ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";
  /** Refused; named for tests and messages. */
  public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

  public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  public static final String SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
  public static final String SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";
  /** Refused; named for tests and messages. */
  public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";


  private SignatureAlgorithms() {}
}
