package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.internal.connector.saml.SamlXml.ASSERTION;
import static io.ssobroker.edge.internal.connector.saml.SamlXml.PROTOCOL;

import io.ssobroker.edge.connector.LoginReason;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Checks a SAML response posted to the ACS (HTTP-POST binding) and reads the identity from it:
 * {@code decode -> parse -> shape -> status -> signatures -> envelope -> assertion}. Every failure is a
 * {@link SamlRejected} with a stable reason. CPU-bound and blocking: run it on a {@link SamlWorkQueue}, never on an
 * event loop.
 *
 * <p>Assertion-ID single use is not checked here (it needs the database shared by every edge): the caller claims
 * {@link ValidatedAssertion#assertionId()} until {@link ValidatedAssertion#notOnOrAfter()} plus the skew.
 */
public final class SamlResponseValidator {

  /** About 190 KB of XML: far above what IdPs send, far below what could hurt. */
  public static final int DEFAULT_MAX_ENCODED_LENGTH = 256 * 1024;

  private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
  private static final String STATUS_PREFIX = "urn:oasis:names:tc:SAML:2.0:status:";
  private static final Pattern STATUS_NAME = Pattern.compile("[A-Za-z]{1,40}");
  private static final Pattern BASE64_LINE_BREAKS = Pattern.compile("[\\r\\n\\t ]");

  private final Clock clock;
  private final Duration skew;
  private final int maxEncodedLength;

  public SamlResponseValidator(Clock clock, Duration skew) {
    this(clock, skew, DEFAULT_MAX_ENCODED_LENGTH);
  }

  public SamlResponseValidator(Clock clock, Duration skew, int maxEncodedLength) {
    this.clock = clock;
    this.skew = skew;
    this.maxEncodedLength = maxEncodedLength;
  }

  /** The assertion of this base64 {@code SAMLResponse}, if it passes every check for this connector and login. */
  public ValidatedAssertion validate(String samlResponse, ExpectedResponse expected) {
    Instant now = clock.instant();
    Document document = SamlXml.parse(decode(samlResponse));
    Element response = ResponseShape.response(document);
    checkStatus(response);
    Element assertion = ResponseShape.soleAssertion(document, response);
    ResponseShape.checkSignaturePlacement(document, response, assertion);
    ResponseShape.checkIds(document, response, assertion);
    boolean responseSigned = verifySignatures(response, assertion, expected, now);
    AssertionChecks checks = new AssertionChecks(expected, now, skew);
    checkEnvelope(response, expected, responseSigned, checks);
    return checks.read(assertion);
  }

  /**
   * Only to route an IdP-initiated response to the connector that must then validate it in full: the NameID that the
   * response claims, read with the same hardened parsing and shape checks but nothing verified. Never an identity.
   */
  public Optional<String> claimedNameId(String samlResponse) {
    Document document = SamlXml.parse(decode(samlResponse));
    Element assertion = ResponseShape.soleAssertion(document, ResponseShape.response(document));
    return SamlXml.soleChild(assertion, ASSERTION, "Subject", LoginReason.MALFORMED_XML)
        .flatMap(subject -> SamlXml.soleChild(subject, ASSERTION, "NameID", LoginReason.MALFORMED_XML))
        .map(SamlXml::text)
        .filter(text -> !text.isEmpty());
  }

  private byte[] decode(String samlResponse) {
    if (samlResponse == null || samlResponse.isBlank()) {
      throw new SamlRejected(LoginReason.MALFORMED_ENCODING);
    }
    if (samlResponse.length() > maxEncodedLength) {
      throw new SamlRejected(LoginReason.TOO_LARGE);
    }
    try {
      return Base64.getDecoder().decode(BASE64_LINE_BREAKS.matcher(samlResponse).replaceAll(""));
    } catch (IllegalArgumentException notBase64) {
      throw new SamlRejected(LoginReason.MALFORMED_ENCODING);
    }
  }

  /** A failure status ends the login with the IdP's status codes; nothing else of such a response is trusted. */
  private static void checkStatus(Element response) {
    Optional<Element> code = SamlXml.soleChild(response, PROTOCOL, "Status", LoginReason.MALFORMED_XML)
        .flatMap(status -> SamlXml.soleChild(status, PROTOCOL, "StatusCode", LoginReason.MALFORMED_XML));
    if (code.isPresent() && SUCCESS.equals(code.get().getAttributeNS(null, "Value"))) {
      return;
    }
    throw new SamlRejected(LoginReason.IDP_STATUS, code.map(SamlResponseValidator::statusNames));
  }

  private static String statusNames(Element statusCode) {
    List<String> names = new ArrayList<>();
    Optional<Element> current = Optional.of(statusCode);
    while (current.isPresent() && names.size() < 3) {
      String value = current.get().getAttributeNS(null, "Value");
      String name = value.startsWith(STATUS_PREFIX) ? value.substring(STATUS_PREFIX.length()) : "";
      names.add(STATUS_NAME.matcher(name).matches() ? name : "other");
      current = SamlXml.children(current.get(), PROTOCOL, "StatusCode").stream().findFirst();
    }
    return String.join("/", names);
  }

  /**
   * The Response's signature and the Assertion's, each verified when present; at least one must be. Only the
   * trusted certificates valid now are used: an expired certificate signs nothing.
   */
  private static boolean verifySignatures(Element response, Element assertion, ExpectedResponse expected,
      Instant now) {
    Optional<Element> responseSignature = EnvelopedSignature.of(response);
    Optional<Element> assertionSignature = EnvelopedSignature.of(assertion);
    if (responseSignature.isEmpty() && assertionSignature.isEmpty()) {
      throw new SamlRejected(LoginReason.UNSIGNED);
    }
    List<PublicKey> keys = currentKeys(expected.trustedCertificates(), now);
    responseSignature.ifPresent(signature -> EnvelopedSignature.verify(response, signature, keys));
    assertionSignature.ifPresent(signature -> EnvelopedSignature.verify(assertion, signature, keys));
    return responseSignature.isPresent();
  }

  private static List<PublicKey> currentKeys(List<X509Certificate> certificates, Instant now) {
    List<PublicKey> keys = new ArrayList<>();
    for (X509Certificate certificate : certificates) {
      try {
        certificate.checkValidity(Date.from(now));
        keys.add(certificate.getPublicKey());
      } catch (CertificateException outsideValidity) {
        // not usable now
      }
    }
    if (keys.isEmpty()) {
      throw new SamlRejected(LoginReason.CERTIFICATE_EXPIRED);
    }
    return keys;
  }

  /**
   * The Response's own fields. They are covered by a signature only when the Response is signed; the Assertion's
   * bearer confirmation carries the same facts under the Assertion's signature and is always checked.
   */
  private static void checkEnvelope(Element response, ExpectedResponse expected, boolean responseSigned,
      AssertionChecks checks) {
    Optional<String> destination = SamlXml.attribute(response, "Destination");
    if (destination.isEmpty() && responseSigned) {
      throw new SamlRejected(LoginReason.MISSING_DESTINATION);
    }
    if (destination.isPresent() && !expected.acsUrl().equals(destination.get())) {
      throw new SamlRejected(LoginReason.WRONG_DESTINATION);
    }
    Optional<Element> issuer = SamlXml.soleChild(response, ASSERTION, "Issuer", LoginReason.MALFORMED_XML);
    if (issuer.isPresent() && !expected.idpEntityId().equals(SamlXml.text(issuer.get()))) {
      throw new SamlRejected(LoginReason.WRONG_ISSUER);
    }
    checks.checkInResponseTo(SamlXml.attribute(response, "InResponseTo"), false);
  }
}
