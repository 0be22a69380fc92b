package io.ssobroker.edge.internal.connector.saml;

import static io.ssobroker.edge.testsaml.TestSamlResponse.ACS;
import static io.ssobroker.edge.testsaml.TestSamlResponse.IDP;
import static io.ssobroker.edge.testsaml.TestSamlResponse.NOW;
import static io.ssobroker.edge.testsaml.TestSamlResponse.REQUEST_ID;
import static io.ssobroker.edge.testsaml.TestSamlResponse.SP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.connector.saml.SignatureAlgorithms;
import io.ssobroker.edge.testsaml.SamlDocuments;
import io.ssobroker.edge.testsaml.SamlSigner;
import io.ssobroker.edge.testsaml.SamlTestKey;
import io.ssobroker.edge.testsaml.TestSamlResponse;
import io.ssobroker.platform.audit.LoginFailureCategory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Every SAML check of SPEC section 5 and the protocol cases of HOSTILE.md: each test signs a genuine response with
 * the IdP's test key, proves it would pass, then changes one thing.
 */
class SamlResponseValidatorTest {

  static final SamlTestKey IDP_KEY = SamlTestKey.rsa("idp.example.test");
  static final Duration SKEW = Duration.ofMinutes(2);

  private final SamlResponseValidator validator = validatorAt(NOW);

  static SamlResponseValidator validatorAt(Instant now) {
    return new SamlResponseValidator(Clock.fixed(now, ZoneOffset.UTC), SKEW);
  }

  static ExpectedResponse expectedFor(String requestId, X509Certificate... trusted) {
    return new ExpectedResponse(SP, ACS, IDP, List.of(trusted), Optional.ofNullable(requestId));
  }

  static ExpectedResponse expected() {
    return expectedFor(REQUEST_ID, IDP_KEY.certificate());
  }

  /** The response built, its assertion signed by the IdP's key, then encoded as the browser posts it. */
  static String signedAssertion(TestSamlResponse response) {
    Document document = response.document();
    SamlSigner.with(IDP_KEY).sign(SamlDocuments.assertion(document));
    return SamlDocuments.encode(document);
  }

  static String signedResponse(TestSamlResponse response) {
    Document document = response.document();
    SamlSigner.with(IDP_KEY).sign(SamlDocuments.response(document));
    return SamlDocuments.encode(document);
  }

  static String signed(TestSamlResponse response, Consumer<Document> signing) {
    Document document = response.document();
    signing.accept(document);
    return SamlDocuments.encode(document);
  }

  static void assertRejected(ThrowingCallable validation, LoginReason reason) {
    assertThatThrownBy(validation).isInstanceOfSatisfying(SamlRejected.class,
        rejected -> assertThat(rejected.rejection()).isEqualTo(reason));
  }

  private void assertRejected(String posted, LoginReason reason) {
    assertRejected(() -> validator.validate(posted, expected()), reason);
  }

  @Test
  void genuineResponseWithSignedAssertionIsAccepted() {
    ValidatedAssertion assertion = validator.validate(signedAssertion(TestSamlResponse.genuine()), expected());

    assertThat(assertion.nameId()).isEqualTo("alice@acme.test");
    assertThat(assertion.nameIdFormat()).contains(TestSamlResponse.EMAIL_FORMAT);
    assertThat(assertion.issuer()).isEqualTo(IDP);
    assertThat(assertion.assertionId()).isEqualTo("_assertion-0001");
    assertThat(assertion.attributes()).containsEntry("email", List.of("alice@acme.test"))
        .containsEntry("name", List.of("Alice Example"));
    assertThat(assertion.firstValue("name")).contains("Alice Example");
    assertThat(assertion.notOnOrAfter()).isEqualTo(NOW.plusSeconds(300));
    assertThat(assertion.inResponseTo()).contains(REQUEST_ID);
    assertThat(assertion.sessionIndex()).contains("session-1");
  }

  @Test
  void genuineResponseSignedAsAWholeIsAccepted() {
    assertThat(validator.validate(signedResponse(TestSamlResponse.genuine()), expected()).nameId())
        .isEqualTo("alice@acme.test");
  }

  @Test
  void genuineResponseSignedTwiceIsAccepted() {
    String posted = signed(TestSamlResponse.genuine(), document -> {
      SamlSigner.with(IDP_KEY).sign(SamlDocuments.assertion(document));
      SamlSigner.with(IDP_KEY).sign(SamlDocuments.response(document));
    });

    assertThat(validator.validate(posted, expected()).nameId()).isEqualTo("alice@acme.test");
  }

  @Test
  void responseWrappedAtSeventySixColumnsIsAccepted() {
    String wrapped = signedAssertion(TestSamlResponse.genuine()).replaceAll("(.{76})", "$1\r\n");

    assertThat(validator.validate(wrapped, expected()).nameId()).isEqualTo("alice@acme.test");
  }

  @Test
  void ecdsaSignatureIsAccepted() {
    SamlTestKey ecKey = SamlTestKey.ec("idp-ec.example.test");
    String posted = signed(TestSamlResponse.genuine(), document -> SamlSigner.with(ecKey)
        .signatureAlgorithm(SignatureAlgorithms.ECDSA_SHA256).sign(SamlDocuments.assertion(document)));

    assertThat(validator.validate(posted, expectedFor(REQUEST_ID, ecKey.certificate())).nameId())
        .isEqualTo("alice@acme.test");
  }

  @Test
  void eitherCertificateOfARolloverVerifies() {
    SamlTestKey next = SamlTestKey.rsa("idp-next.example.test");
    String signedWithNext = signed(TestSamlResponse.genuine(),
        document -> SamlSigner.with(next).sign(SamlDocuments.assertion(document)));
    ExpectedResponse both = expectedFor(REQUEST_ID, IDP_KEY.certificate(), next.certificate());

    assertThat(validator.validate(signedWithNext, both).nameId()).isEqualTo("alice@acme.test");
    assertThat(validator.validate(signedAssertion(TestSamlResponse.genuine()), both).nameId())
        .isEqualTo("alice@acme.test");
  }

  @Test
  void idpInitiatedResponseIsAcceptedWhenNoRequestIsExpected() {
    String unsolicited = signedAssertion(TestSamlResponse.genuine().inResponseTo(null));

    ValidatedAssertion assertion = validator.validate(unsolicited, expectedFor(null, IDP_KEY.certificate()));

    assertThat(assertion.inResponseTo()).isEmpty();
  }

  @Test
  void clockDifferencesInsideTheSkewAreAccepted() {
    String posted = signedAssertion(TestSamlResponse.genuine());

    assertThat(validatorAt(NOW.plusSeconds(300 + 90)).validate(posted, expected()).nameId()).isNotEmpty();
    assertThat(validatorAt(NOW.minusSeconds(60 + 90)).validate(posted, expected()).nameId()).isNotEmpty();
  }

  // signatures and keys

  @Test
  void responseWithoutAnySignatureIsRejected() {
    assertRejected(SamlDocuments.encode(TestSamlResponse.genuine().xml()), LoginReason.UNSIGNED);
  }

  @Test
  void signatureByAnotherKeyIsRejected() {
    SamlTestKey stranger = SamlTestKey.rsa("idp.example.test");
    String posted = signed(TestSamlResponse.genuine(),
        document -> SamlSigner.with(stranger).sign(SamlDocuments.assertion(document)));

    assertRejected(posted, LoginReason.BAD_SIGNATURE);
  }

  @Test
  void selfSignedCloneOfTheIdpCertificateInKeyInfoIsRejected() {
    SamlTestKey clone = SamlTestKey.cloneOf(IDP_KEY.certificate());
    String posted = signed(TestSamlResponse.genuine().nameId("admin@acme.test"),
        document -> SamlSigner.with(clone).sign(SamlDocuments.assertion(document)));

    assertThat(SamlDocuments.decode(posted)).contains("X509Certificate");
    assertRejected(posted, LoginReason.BAD_SIGNATURE);
  }

  @Test
  void nameIdChangedAfterSigningIsRejected() {
    Document document = TestSamlResponse.genuine().document();
    SamlSigner.with(IDP_KEY).sign(SamlDocuments.assertion(document));
    SamlDocuments.first(document, "NameID").setTextContent("admin@acme.test");

    assertRejected(SamlDocuments.encode(document), LoginReason.BAD_SIGNATURE);
  }

  @Test
  void rsaSha1SignatureIsRejected() {
    String posted = signed(TestSamlResponse.genuine(), document -> SamlSigner.with(IDP_KEY)
        .signatureAlgorithm(SignatureAlgorithms.RSA_SHA1).sign(SamlDocuments.assertion(document)));

    assertRejected(posted, LoginReason.SIGNATURE_ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void sha1DigestIsRejected() {
    String posted = signed(TestSamlResponse.genuine(), document -> SamlSigner.with(IDP_KEY)
        .digestAlgorithm(SignatureAlgorithms.SHA1).sign(SamlDocuments.assertion(document)));

    assertRejected(posted, LoginReason.DIGEST_ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void canonicalizationWithCommentsIsRejected() {
    String posted = signed(TestSamlResponse.genuine(), document -> SamlSigner.with(IDP_KEY)
        .canonicalization("http://www.w3.org/2001/10/xml-exc-c14n#WithComments")
        .sign(SamlDocuments.assertion(document)));

    assertRejected(posted, LoginReason.CANONICALIZATION_NOT_ALLOWED);
  }

  @Test
  void expiredIdpCertificateSignsNothing() {
    SamlTestKey expired = SamlTestKey.rsa("idp-old.example.test", Instant.parse("2020-01-01T00:00:00Z"),
        Instant.parse("2021-01-01T00:00:00Z"));
    String posted = signed(TestSamlResponse.genuine(),
        document -> SamlSigner.with(expired).sign(SamlDocuments.assertion(document)));

    assertRejected(() -> validator.validate(posted, expectedFor(REQUEST_ID, expired.certificate())),
        LoginReason.CERTIFICATE_EXPIRED);
  }

  // the request it answers

  @Test
  void responseToAnotherRequestIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().inResponseTo("_another-request")),
        LoginReason.IN_RESPONSE_TO_MISMATCH);
    assertRejected(signedAssertion(TestSamlResponse.genuine().responseInResponseTo("_another-request")),
        LoginReason.IN_RESPONSE_TO_MISMATCH);
  }

  @Test
  void unsolicitedResponseIsRejectedWhenARequestWasSent() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().inResponseTo(null)),
        LoginReason.IN_RESPONSE_TO_MISSING);
  }

  @Test
  void responseToSomeRequestIsRejectedWhereOnlyIdpInitiatedCanBe() {
    String posted = signedAssertion(TestSamlResponse.genuine());

    assertRejected(() -> validator.validate(posted, expectedFor(null, IDP_KEY.certificate())),
        LoginReason.UNEXPECTED_IN_RESPONSE_TO);
  }

  // addressing

  @Test
  void wrongAudienceIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().audience("https://other-sp.example.test")),
        LoginReason.WRONG_AUDIENCE);
  }

  @Test
  void missingAudienceRestrictionIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().audience(null)), LoginReason.MISSING_AUDIENCE);
  }

  @Test
  void wrongRecipientIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().recipient("https://other-sp.example.test/acs")),
        LoginReason.WRONG_RECIPIENT);
  }

  @Test
  void wrongDestinationIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().destination("https://other-sp.example.test/acs")),
        LoginReason.WRONG_DESTINATION);
    assertRejected(signedResponse(TestSamlResponse.genuine().destination("https://other-sp.example.test/acs")),
        LoginReason.WRONG_DESTINATION);
  }

  @Test
  void signedResponseWithoutDestinationIsRejected() {
    assertRejected(signedResponse(TestSamlResponse.genuine().destination(null)), LoginReason.MISSING_DESTINATION);
  }

  @Test
  void wrongIssuerIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().issuer("https://other-idp.example.test")),
        LoginReason.WRONG_ISSUER);
    assertRejected(signedAssertion(TestSamlResponse.genuine().responseIssuer("https://other-idp.example.test")),
        LoginReason.WRONG_ISSUER);
  }

  // times

  @Test
  void expiredBearerConfirmationIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().bearerNotOnOrAfter(NOW.minus(SKEW).minusSeconds(1))),
        LoginReason.EXPIRED);
  }

  @Test
  void expiredConditionsAreRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().conditionsNotOnOrAfter(NOW.minus(SKEW))),
        LoginReason.EXPIRED);
  }

  @Test
  void notBeforeInTheFutureBeyondTheSkewIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().conditionsNotBefore(NOW.plus(SKEW).plusSeconds(1))),
        LoginReason.NOT_YET_VALID);
    assertRejected(signedAssertion(TestSamlResponse.genuine().bearerNotBefore(NOW.plus(SKEW).plusSeconds(1))),
        LoginReason.NOT_YET_VALID);
  }

  @Test
  void idpClockTenMinutesAheadIsRejected() {
    String posted = signedAssertion(TestSamlResponse.genuine());

    assertRejected(() -> validatorAt(NOW.minus(Duration.ofMinutes(10))).validate(posted, expected()),
        LoginReason.NOT_YET_VALID);
  }

  @Test
  void bearerConfirmationWithoutNotOnOrAfterIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().bearerNotOnOrAfter(null)),
        LoginReason.BEARER_WITHOUT_NOT_ON_OR_AFTER);
  }

  @Test
  void assertionWithoutBearerConfirmationIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine()
        .confirmationMethod("urn:oasis:names:tc:SAML:2.0:cm:holder-of-key")), LoginReason.NO_BEARER_CONFIRMATION);
  }

  @Test
  void malformedTimeIsRejected() {
    Document document = TestSamlResponse.genuine().document();
    SamlDocuments.first(document, "Conditions").setAttributeNS(null, "NotOnOrAfter", "tomorrow");
    SamlSigner.with(IDP_KEY).sign(SamlDocuments.assertion(document));

    assertRejected(SamlDocuments.encode(document), LoginReason.MALFORMED_TIME);
  }

  // status, subject, statements

  @Test
  void nonSuccessStatusIsRejectedWithTheIdpsStatus() {
    String posted = signedResponse(TestSamlResponse.genuine()
        .status("urn:oasis:names:tc:SAML:2.0:status:Responder", "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"));

    assertThatThrownBy(() -> validator.validate(posted, expected())).isInstanceOfSatisfying(SamlRejected.class,
        rejected -> {
          assertThat(rejected.reason()).isEqualTo("idp_status");
          assertThat(rejected.idpStatus()).contains("Responder/AuthnFailed");
          assertThat(rejected.asLoginFailure().category()).isEqualTo(LoginFailureCategory.IDENTITY_EXTRACTION_FAILED);
        });
  }

  @Test
  void statusOutsideTheSamlVocabularyIsNotEchoed() {
    String posted = SamlDocuments.encode(TestSamlResponse.genuine()
        .status("urn:oasis:names:tc:SAML:2.0:status:Requester", "<script>alert(1)</script>").xml());

    assertThatThrownBy(() -> validator.validate(posted, expected())).isInstanceOfSatisfying(SamlRejected.class,
        rejected -> assertThat(rejected.idpStatus()).contains("Requester/other"));
  }

  @Test
  void missingSubjectIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().withoutSubject()), LoginReason.MISSING_SUBJECT);
  }

  @Test
  void missingOrEmptyNameIdIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().nameId(null)), LoginReason.MISSING_NAME_ID);
    assertRejected(signedAssertion(TestSamlResponse.genuine().nameId("  ")), LoginReason.EMPTY_NAME_ID);
  }

  @Test
  void missingAuthnStatementIsRejected() {
    assertRejected(signedAssertion(TestSamlResponse.genuine().withoutAuthnStatement()),
        LoginReason.MISSING_AUTHN_STATEMENT);
  }

  @Test
  void unknownConditionIsRejected() {
    String posted = signedAssertion(TestSamlResponse.genuine().extraCondition(
        "<saml:Condition xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Custom\"/>"));

    assertRejected(posted, LoginReason.UNSUPPORTED_CONDITION);
  }

  @Test
  void commentInsideTheNameIdDoesNotTruncateIt() {
    Document document = TestSamlResponse.genuine().nameId("alice@acme.test.evil.test").document();
    SamlSigner.with(IDP_KEY).sign(SamlDocuments.assertion(document));
    var nameId = SamlDocuments.first(document, "NameID");
    nameId.setTextContent("alice@acme.test");
    nameId.appendChild(document.createComment(""));
    nameId.appendChild(document.createTextNode(".evil.test"));

    assertThat(validator.validate(SamlDocuments.encode(document), expected()).nameId())
        .isEqualTo("alice@acme.test.evil.test");
  }
}
