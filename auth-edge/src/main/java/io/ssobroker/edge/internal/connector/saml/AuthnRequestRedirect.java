package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.saml.ServiceProvider;
import io.ssobroker.edge.connector.saml.SignatureAlgorithms;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * An AuthnRequest sent over the HTTP-Redirect binding (SAML Bindings 3.4): the request XML, raw-deflated, base64 and
 * URL-encoded as {@code SAMLRequest}, the sealed login state as {@code RelayState}, and, with a signing key, the
 * {@code SigAlg} and {@code Signature} query parameters over exactly the encoded octets the IdP receives
 * (Bindings 3.4.4.1). The request asks for the HTTP-POST binding back to our ACS.
 */
final class AuthnRequestRedirect {

  /** Where to send the browser, and the request ID that the response must answer ({@code InResponseTo}). */
  public record Redirect(URI location, String requestId) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String HTTP_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

  private AuthnRequestRedirect() {}

  public static Redirect build(IdpMetadata idp, ServiceProvider sp, String relayState, Instant now,
      Optional<RequestSigningKey> signingKey) {
    return build(idp, sp, newRequestId(), relayState, now, signingKey);
  }

  /** With a request ID chosen by the caller, who seals it into the RelayState before the request is built. */
  public static Redirect build(IdpMetadata idp, ServiceProvider sp, String requestId, String relayState, Instant now,
      Optional<RequestSigningKey> signingKey) {
    String xml = "<samlp:AuthnRequest xmlns:samlp=\"" + SamlXml.PROTOCOL + "\" xmlns:saml=\"" + SamlXml.ASSERTION
        + "\" ID=\"" + requestId + "\" Version=\"2.0\" IssueInstant=\"" + now.truncatedTo(ChronoUnit.SECONDS)
        + "\" Destination=\"" + escape(idp.ssoRedirectUrl().toString())
        + "\" AssertionConsumerServiceURL=\"" + escape(sp.acsUrl())
        + "\" ProtocolBinding=\"" + HTTP_POST + "\">"
        + "<saml:Issuer>" + escape(sp.entityId()) + "</saml:Issuer>"
        + "</samlp:AuthnRequest>";
    StringBuilder query = new StringBuilder("SAMLRequest=").append(encode(deflateAndBase64(xml)))
        .append("&RelayState=").append(encode(relayState));
    if (signingKey.isPresent()) {
      query.append("&SigAlg=").append(encode(SignatureAlgorithms.RSA_SHA256));
      String signature = sign(query.toString(), signingKey.get());
      query.append("&Signature=").append(encode(signature));
    }
    String sso = idp.ssoRedirectUrl().toString();
    String separator = idp.ssoRedirectUrl().getRawQuery() == null ? "?" : "&";
    return new Redirect(URI.create(sso + separator + query), requestId);
  }

  /** An xs:ID: a letter or underscore first, then 128 random bits in hex. */
  public static String newRequestId() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return "_" + HexFormat.of().formatHex(random);
  }

  private static String deflateAndBase64(String xml) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
      deflater.finish();
      ByteArrayOutputStream deflated = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      while (!deflater.finished()) {
        deflated.write(buffer, 0, deflater.deflate(buffer));
      }
      return Base64.getEncoder().encodeToString(deflated.toByteArray());
    } finally {
      deflater.end();
    }
  }

  private static String sign(String signedOctets, RequestSigningKey key) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key.privateKey());
      signature.update(signedOctets.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException unusableKey) {
      throw new IllegalStateException("the AuthnRequest signing key cannot sign", unusableKey);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
