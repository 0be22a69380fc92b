package io.ssobroker.edge.connector;

import static io.ssobroker.platform.audit.LoginFailureCategory.CODE_EXCHANGE_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.EMAIL_VALIDATION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.IDENTITY_EXTRACTION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.SESSION_CREATION_FAILED;
import static io.ssobroker.platform.audit.LoginFailureCategory.STATE_INVALID;
import static io.ssobroker.platform.audit.LoginFailureCategory.USER_NOT_ALLOWED;

import io.ssobroker.platform.audit.LoginFailureCategory;
import java.util.Arrays;
import java.util.Optional;

/**
 * Why a login failed: every reason of every protocol, with the stable code that the audit stream, the error page and
 * dashboards carry, its category (SPEC section 6), and the hint shown to the user. The codes never change; the constant
 * names may. A code is unique within its category ({@code expired} is a state's as well as an assertion's).
 */
public enum LoginReason {
  // the login state
  MISSING_STATE("missing", STATE_INVALID, Hint.START_AGAIN),
  MALFORMED_STATE("malformed", STATE_INVALID, Hint.START_AGAIN),
  TAMPERED_STATE("tampered", STATE_INVALID, Hint.START_AGAIN),
  STATE_UNKNOWN_KEY("unknown_key", STATE_INVALID, Hint.START_AGAIN),
  STATE_EXPIRED("expired", STATE_INVALID, Hint.LOGIN_EXPIRED),
  OTHER_BROWSER("other_browser", STATE_INVALID, Hint.OTHER_BROWSER),
  REPLAYED("replayed", STATE_INVALID, Hint.ALREADY_USED),
  CONNECTOR_UNAVAILABLE("connector_unavailable", STATE_INVALID, Hint.START_AGAIN),
  UNSOLICITED_RESPONSE("unsolicited_response", STATE_INVALID, Hint.START_AT_PRODUCT),
  IDP_INITIATED_NOT_ALLOWED("idp_initiated_not_allowed", STATE_INVALID, Hint.START_AGAIN),
  CLIENT_UNAVAILABLE("client_unavailable", STATE_INVALID, Hint.START_AT_PRODUCT),

  // the IdP's answer before any identity: authorization response, token endpoint, discovery, metadata
  ACCESS_DENIED("access_denied", CODE_EXCHANGE_FAILED, Hint.IDP_REFUSED),
  IDP_ERROR("idp_error", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  MISSING_CODE("missing_code", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  INVALID_CLIENT("invalid_client", CODE_EXCHANGE_FAILED, Hint.MISCONFIGURED),
  INVALID_GRANT("invalid_grant", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  TOKEN_ENDPOINT_ERROR("token_endpoint_error", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  BAD_TOKEN_RESPONSE("bad_token_response", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  TIMEOUT("timeout", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  UNREACHABLE("unreachable", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  CIRCUIT_OPEN("circuit_open", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  IDP_TIMEOUT("idp_timeout", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  IDP_UNREACHABLE("idp_unreachable", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  IDP_CIRCUIT_OPEN("idp_circuit_open", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  IDP_TOO_LARGE("idp_too_large", CODE_EXCHANGE_FAILED, Hint.IDP_UNAVAILABLE),
  IDP_MISCONFIGURED("idp_misconfigured", CODE_EXCHANGE_FAILED, Hint.MISCONFIGURED),
  IDP_ISSUER_MISMATCH("idp_issuer_mismatch", CODE_EXCHANGE_FAILED, Hint.MISCONFIGURED),
  CONNECTOR_INVALID("connector_invalid", CODE_EXCHANGE_FAILED, Hint.MISCONFIGURED),

  // the identity the IdP asserted: ID token or SAML response
  MISSING_ID_TOKEN("missing_id_token", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MALFORMED_TOKEN("malformed_token", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  ALG_NOT_ALLOWED("alg_not_allowed", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  WRONG_TOKEN_TYPE("wrong_token_type", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  UNKNOWN_KEY("unknown_key", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  BAD_SIGNATURE("bad_signature", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  WRONG_ISSUER("wrong_issuer", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  WRONG_AUDIENCE("wrong_audience", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  AZP_MISMATCH("azp_mismatch", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MISSING_SUB("missing_sub", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MISSING_AUD("missing_aud", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MISSING_IAT("missing_iat", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MISSING_EXP("missing_exp", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  EXPIRED("expired", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  ISSUED_IN_FUTURE("issued_in_future", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  NONCE_MISMATCH("nonce_mismatch", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  TENANT_NOT_ALLOWED("tenant_not_allowed", IDENTITY_EXTRACTION_FAILED, Hint.FOREIGN_DIRECTORY),
  CALLBACK_ISSUER_MISMATCH("callback_issuer_mismatch", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  CALLBACK_ISSUER_MISSING("callback_issuer_missing", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  // SAML, before or while parsing
  TOO_LARGE("too_large", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MALFORMED_ENCODING("malformed_encoding", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  DOCTYPE_NOT_ALLOWED("doctype_not_allowed", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  TOO_DEEP("too_deep", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MALFORMED_XML("malformed_xml", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  // SAML, the message's shape
  NOT_A_RESPONSE("not_a_response", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  WRONG_VERSION("wrong_version", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MISSING_ID("missing_id", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  DUPLICATE_ID("duplicate_id", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  IDP_STATUS("idp_status", IDENTITY_EXTRACTION_FAILED, Hint.IDP_DID_NOT_COMPLETE),
  MISSING_ASSERTION("missing_assertion", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MULTIPLE_ASSERTIONS("multiple_assertions", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  ASSERTION_MISPLACED("assertion_misplaced", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  ENCRYPTED_ASSERTION_UNSUPPORTED("encrypted_assertion_unsupported", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  // SAML, signatures
  UNSIGNED("unsigned", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  UNEXPECTED_SIGNATURE("unexpected_signature", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MALFORMED_SIGNATURE("malformed_signature", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  REFERENCE_MISMATCH("reference_mismatch", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  CANONICALIZATION_NOT_ALLOWED("canonicalization_not_allowed", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  SIGNATURE_ALGORITHM_NOT_ALLOWED("signature_algorithm_not_allowed", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  DIGEST_ALGORITHM_NOT_ALLOWED("digest_algorithm_not_allowed", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  TRANSFORM_NOT_ALLOWED("transform_not_allowed", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  SIGNATURE_CONTENT_NOT_ALLOWED("signature_content_not_allowed", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  CERTIFICATE_EXPIRED("certificate_expired", IDENTITY_EXTRACTION_FAILED, Hint.CERTIFICATE_EXPIRED),
  // SAML, the protocol
  MISSING_DESTINATION("missing_destination", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  WRONG_DESTINATION("wrong_destination", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  IN_RESPONSE_TO_MISMATCH("in_response_to_mismatch", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  IN_RESPONSE_TO_MISSING("in_response_to_missing", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  UNEXPECTED_IN_RESPONSE_TO("unexpected_in_response_to", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MISSING_SUBJECT("missing_subject", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MISSING_NAME_ID("missing_name_id", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  EMPTY_NAME_ID("empty_name_id", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  NO_BEARER_CONFIRMATION("no_bearer_confirmation", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  BEARER_WITHOUT_NOT_ON_OR_AFTER("bearer_without_not_on_or_after", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  WRONG_RECIPIENT("wrong_recipient", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  NOT_YET_VALID("not_yet_valid", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MALFORMED_TIME("malformed_time", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MISSING_AUDIENCE("missing_audience", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  UNSUPPORTED_CONDITION("unsupported_condition", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),
  MISSING_AUTHN_STATEMENT("missing_authn_statement", IDENTITY_EXTRACTION_FAILED, Hint.UNVERIFIABLE),

  // the email the identity gives
  MISSING_EMAIL("missing_email", EMAIL_VALIDATION_FAILED, Hint.NO_USABLE_EMAIL),
  INVALID_EMAIL("invalid_email", EMAIL_VALIDATION_FAILED, Hint.NO_USABLE_EMAIL),
  EMAIL_NOT_VERIFIED("email_not_verified", EMAIL_VALIDATION_FAILED, Hint.EMAIL_NOT_VERIFIED),
  HOSTED_DOMAIN_MISMATCH("hosted_domain_mismatch", EMAIL_VALIDATION_FAILED, Hint.NOT_THE_WORKSPACE),
  EMAIL_DOMAIN_NOT_VERIFIED("email_domain_not_verified", EMAIL_VALIDATION_FAILED, Hint.DOMAIN_OWNER_NOT_VERIFIED),

  // who may log in
  EMAIL_PATTERN_MISMATCH("email_pattern_mismatch", USER_NOT_ALLOWED, Hint.EMAIL_NOT_ALLOWED),
  DOMAIN_NOT_ALLOWED("domain_not_allowed", USER_NOT_ALLOWED, Hint.EMAIL_NOT_ALLOWED),
  UNKNOWN_USER("unknown_user", USER_NOT_ALLOWED, Hint.NOT_ADDED),
  ORG_MISMATCH("org_mismatch", USER_NOT_ALLOWED, Hint.OTHER_ORG),
  USER_DISABLED("user_disabled", USER_NOT_ALLOWED, Hint.DISABLED),
  NOT_A_TESTER("not_a_tester", USER_NOT_ALLOWED, Hint.EMAIL_NOT_ALLOWED),
  TESTING_OUTSIDE_TEST_APP("testing_outside_test_app", USER_NOT_ALLOWED, Hint.EMAIL_NOT_ALLOWED),
  ORG_NOT_ALLOWED_FOR_CLIENT("org_not_allowed_for_client", USER_NOT_ALLOWED, Hint.NO_ACCESS_TO_PRODUCT),

  // the broker's own parts
  SESSION_STORE_UNAVAILABLE("session_store_unavailable", SESSION_CREATION_FAILED, Hint.SERVICE_UNAVAILABLE),
  DIRECTORY_UNAVAILABLE("directory_unavailable", SESSION_CREATION_FAILED, Hint.SERVICE_UNAVAILABLE),
  REGISTRY_UNAVAILABLE("registry_unavailable", SESSION_CREATION_FAILED, Hint.SERVICE_UNAVAILABLE),
  INTERNAL_ERROR("internal_error", SESSION_CREATION_FAILED, Hint.SERVICE_UNAVAILABLE),
  SAML_BUSY("saml_busy", SESSION_CREATION_FAILED, Hint.BUSY);

  /** What the user is told, in a sentence they can act on (the texts are the pages'). */
  public enum Hint {
    START_AGAIN, LOGIN_EXPIRED, ALREADY_USED, OTHER_BROWSER, START_AT_PRODUCT,
    IDP_REFUSED, MISCONFIGURED, IDP_UNAVAILABLE,
    UNVERIFIABLE, IDP_DID_NOT_COMPLETE, CERTIFICATE_EXPIRED, FOREIGN_DIRECTORY,
    NO_USABLE_EMAIL, EMAIL_NOT_VERIFIED, NOT_THE_WORKSPACE, DOMAIN_OWNER_NOT_VERIFIED,
    EMAIL_NOT_ALLOWED, NOT_ADDED, OTHER_ORG, DISABLED, NO_ACCESS_TO_PRODUCT,
    SERVICE_UNAVAILABLE, BUSY
  }

  private final String code;
  private final LoginFailureCategory category;
  private final Hint hint;

  LoginReason(String code, LoginFailureCategory category, Hint hint) {
    this.code = code;
    this.category = category;
    this.hint = hint;
  }

  /** The reason of this category with this stable code (a code is unique within its category only). */
  public static Optional<LoginReason> find(String categoryCode, String code) {
    return Arrays.stream(values())
        .filter(reason -> reason.category.code().equals(categoryCode) && reason.code.equals(code)).findFirst();
  }

  /** The stable reason, as the audit event and the error page carry it. */
  public String code() {
    return code;
  }

  public LoginFailureCategory category() {
    return category;
  }

  public Hint hint() {
    return hint;
  }
}
