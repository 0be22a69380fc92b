package io.ssobroker.edge.connector.saml;

/**
 * Why a SAML response was not accepted. The codes are stable (they reach the audit stream and dashboards); the
 * constant names may change, the codes may not.
 */
public enum SamlRejection {
  // before or while parsing
  TOO_LARGE("too_large"),
  MALFORMED_ENCODING("malformed_encoding"),
  DOCTYPE_NOT_ALLOWED("doctype_not_allowed"),
  TOO_DEEP("too_deep"),
  MALFORMED_XML("malformed_xml"),
  // shape of the message
  NOT_A_RESPONSE("not_a_response"),
  WRONG_VERSION("wrong_version"),
  MISSING_ID("missing_id"),
  DUPLICATE_ID("duplicate_id"),
  IDP_STATUS("idp_status"),
  MISSING_ASSERTION("missing_assertion"),
  MULTIPLE_ASSERTIONS("multiple_assertions"),
  ASSERTION_MISPLACED("assertion_misplaced"),
  ENCRYPTED_ASSERTION_UNSUPPORTED("encrypted_assertion_unsupported"),
  // signatures
  UNSIGNED("unsigned"),
  UNEXPECTED_SIGNATURE("unexpected_signature"),
  MALFORMED_SIGNATURE("malformed_signature"),
  REFERENCE_MISMATCH("reference_mismatch"),
  CANONICALIZATION_NOT_ALLOWED("canonicalization_not_allowed"),
  SIGNATURE_ALGORITHM_NOT_ALLOWED("signature_algorithm_not_allowed"),
  DIGEST_ALGORITHM_NOT_ALLOWED("digest_algorithm_not_allowed"),
  TRANSFORM_NOT_ALLOWED("transform_not_allowed"),
  SIGNATURE_CONTENT_NOT_ALLOWED("signature_content_not_allowed"),
  CERTIFICATE_EXPIRED("certificate_expired"),
  BAD_SIGNATURE("bad_signature"),
  // protocol
  MISSING_DESTINATION("missing_destination"),
  WRONG_DESTINATION("wrong_destination"),
  WRONG_ISSUER("wrong_issuer"),
  IN_RESPONSE_TO_MISMATCH("in_response_to_mismatch"),
  IN_RESPONSE_TO_MISSING("in_response_to_missing"),
  UNEXPECTED_IN_RESPONSE_TO("unexpected_in_response_to"),
  MISSING_SUBJECT("missing_subject"),
  MISSING_NAME_ID("missing_name_id"),
  EMPTY_NAME_ID("empty_name_id"),
  NO_BEARER_CONFIRMATION("no_bearer_confirmation"),
  BEARER_WITHOUT_NOT_ON_OR_AFTER("bearer_without_not_on_or_after"),
  WRONG_RECIPIENT("wrong_recipient"),
  EXPIRED("expired"),
  NOT_YET_VALID("not_yet_valid"),
  MALFORMED_TIME("malformed_time"),
  MISSING_AUDIENCE("missing_audience"),
  WRONG_AUDIENCE("wrong_audience"),
  UNSUPPORTED_CONDITION("unsupported_condition"),
  MISSING_AUTHN_STATEMENT("missing_authn_statement");

  private final String code;

  SamlRejection(String code) {
    this.code = code;
  }

  /** The stable reason, as the audit event and the error page carry it. */
  public String code() {
    return code;
  }
}
