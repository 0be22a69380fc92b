package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.internal.connector.saml.SamlXml.ASSERTION;

import io.ssobroker.edge.connector.LoginReason;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The checks of the SAML 2.0 Web Browser SSO profile (Profiles 4.1.4.2 and 4.1.4.3) on an assertion whose signature
 * was verified, and the reading of the identity from that same element: issuer, subject and NameID, a bearer
 * confirmation addressed to our ACS, answering our request, with an end of validity; the conditions' times and
 * audience; an authentication statement.
 */
final class AssertionChecks {

  static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

  private final ExpectedResponse expected;
  private final Instant now;
  private final Duration skew;

  AssertionChecks(ExpectedResponse expected, Instant now, Duration skew) {
    this.expected = expected;
    this.now = now;
    this.skew = skew;
  }

  ValidatedAssertion read(Element assertion) {
    if (!"2.0".equals(assertion.getAttributeNS(null, "Version"))) {
      throw new SamlRejected(LoginReason.WRONG_VERSION);
    }
    String issuer = SamlXml.soleChild(assertion, ASSERTION, "Issuer", LoginReason.MALFORMED_XML)
        .map(SamlXml::text)
        .filter(expected.idpEntityId()::equals)
        .orElseThrow(() -> new SamlRejected(LoginReason.WRONG_ISSUER));
    Element subject = SamlXml.soleChild(assertion, ASSERTION, "Subject", LoginReason.MALFORMED_XML)
        .orElseThrow(() -> new SamlRejected(LoginReason.MISSING_SUBJECT));
    Element nameId = SamlXml.soleChild(subject, ASSERTION, "NameID", LoginReason.MALFORMED_XML)
        .orElseThrow(() -> new SamlRejected(LoginReason.MISSING_NAME_ID));
    String name = SamlXml.text(nameId);
    if (name.isEmpty()) {
      throw new SamlRejected(LoginReason.EMPTY_NAME_ID);
    }
    Bearer bearer = bearerConfirmation(subject);
    Optional<Instant> conditionsEnd = conditions(assertion);
    List<Element> authnStatements = SamlXml.children(assertion, ASSERTION, "AuthnStatement");
    if (authnStatements.isEmpty()) {
      throw new SamlRejected(LoginReason.MISSING_AUTHN_STATEMENT);
    }
    Instant notOnOrAfter = conditionsEnd.filter(end -> end.isBefore(bearer.notOnOrAfter()))
        .orElse(bearer.notOnOrAfter());
    return new ValidatedAssertion(issuer, assertion.getAttributeNS(null, "ID"), name,
        SamlXml.attribute(nameId, "Format"), attributes(assertion), notOnOrAfter, bearer.inResponseTo(),
        SamlXml.attribute(authnStatements.get(0), "SessionIndex"));
  }

  private record Bearer(Instant notOnOrAfter, Optional<String> inResponseTo) {}

  /** At least one bearer confirmation must pass every check; when none does, the first one's reason is given. */
  private Bearer bearerConfirmation(Element subject) {
    SamlRejected firstFailure = null;
    for (Element confirmation : SamlXml.children(subject, ASSERTION, "SubjectConfirmation")) {
      if (!BEARER.equals(confirmation.getAttributeNS(null, "Method"))) {
        continue;
      }
      try {
        return checkBearer(confirmation);
      } catch (SamlRejected rejected) {
        firstFailure = firstFailure == null ? rejected : firstFailure;
      }
    }
    throw firstFailure != null ? firstFailure : new SamlRejected(LoginReason.NO_BEARER_CONFIRMATION);
  }

  private Bearer checkBearer(Element confirmation) {
    Element data = SamlXml.soleChild(confirmation, ASSERTION, "SubjectConfirmationData", LoginReason.MALFORMED_XML)
        .orElseThrow(() -> new SamlRejected(LoginReason.BEARER_WITHOUT_NOT_ON_OR_AFTER));
    Instant notOnOrAfter = time(data, "NotOnOrAfter")
        .orElseThrow(() -> new SamlRejected(LoginReason.BEARER_WITHOUT_NOT_ON_OR_AFTER));
    if (!expected.acsUrl().equals(data.getAttributeNS(null, "Recipient"))) {
      throw new SamlRejected(LoginReason.WRONG_RECIPIENT);
    }
    checkNotOnOrAfter(notOnOrAfter);
    time(data, "NotBefore").ifPresent(this::checkNotBefore);
    Optional<String> inResponseTo = SamlXml.attribute(data, "InResponseTo");
    checkInResponseTo(inResponseTo, true);
    return new Bearer(notOnOrAfter, inResponseTo);
  }

  /** The request a message answers: ours when we sent one (required on the bearer data), none when unsolicited. */
  void checkInResponseTo(Optional<String> inResponseTo, boolean required) {
    if (expected.inResponseTo().isEmpty()) {
      if (inResponseTo.isPresent()) {
        throw new SamlRejected(LoginReason.UNEXPECTED_IN_RESPONSE_TO);
      }
      return;
    }
    if (inResponseTo.isEmpty()) {
      if (required) {
        throw new SamlRejected(LoginReason.IN_RESPONSE_TO_MISSING);
      }
      return;
    }
    if (!expected.inResponseTo().get().equals(inResponseTo.get())) {
      throw new SamlRejected(LoginReason.IN_RESPONSE_TO_MISMATCH);
    }
  }

  private Optional<Instant> conditions(Element assertion) {
    Element conditions = SamlXml.soleChild(assertion, ASSERTION, "Conditions", LoginReason.MALFORMED_XML)
        .orElseThrow(() -> new SamlRejected(LoginReason.MISSING_AUDIENCE));
    time(conditions, "NotBefore").ifPresent(this::checkNotBefore);
    Optional<Instant> notOnOrAfter = time(conditions, "NotOnOrAfter");
    notOnOrAfter.ifPresent(this::checkNotOnOrAfter);
    boolean restricted = false;
    for (Element condition : SamlXml.children(conditions)) {
      if (SamlXml.is(condition, ASSERTION, "AudienceRestriction")) {
        restricted = true;
        boolean ours = SamlXml.children(condition, ASSERTION, "Audience").stream()
            .map(SamlXml::text)
            .anyMatch(expected.spEntityId()::equals);
        if (!ours) {
          throw new SamlRejected(LoginReason.WRONG_AUDIENCE);
        }
      } else if (!SamlXml.is(condition, ASSERTION, "OneTimeUse")
          && !SamlXml.is(condition, ASSERTION, "ProxyRestriction")) {
        throw new SamlRejected(LoginReason.UNSUPPORTED_CONDITION);
      }
    }
    if (!restricted) {
      throw new SamlRejected(LoginReason.MISSING_AUDIENCE);
    }
    return notOnOrAfter;
  }

  private void checkNotOnOrAfter(Instant notOnOrAfter) {
    if (!now.isBefore(notOnOrAfter.plus(skew))) {
      throw new SamlRejected(LoginReason.EXPIRED);
    }
  }

  private void checkNotBefore(Instant notBefore) {
    if (now.plus(skew).isBefore(notBefore)) {
      throw new SamlRejected(LoginReason.NOT_YET_VALID);
    }
  }

  private static Map<String, List<String>> attributes(Element assertion) {
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    for (Element statement : SamlXml.children(assertion, ASSERTION, "AttributeStatement")) {
      for (Element attribute : SamlXml.children(statement, ASSERTION, "Attribute")) {
        String name = attribute.getAttributeNS(null, "Name");
        if (name.isBlank()) {
          continue;
        }
        List<String> values = attributes.computeIfAbsent(name, unused -> new ArrayList<>());
        for (Element value : SamlXml.children(attribute, ASSERTION, "AttributeValue")) {
          values.add(SamlXml.text(value));
        }
      }
    }
    attributes.replaceAll((name, values) -> List.copyOf(values));
    return attributes;
  }

  static Optional<Instant> time(Element element, String attribute) {
    Optional<String> value = SamlXml.attribute(element, attribute);
    try {
      return value.map(text -> OffsetDateTime.parse(text.strip()).toInstant());
    } catch (DateTimeParseException malformed) {
      throw new SamlRejected(LoginReason.MALFORMED_TIME);
    }
  }
}
