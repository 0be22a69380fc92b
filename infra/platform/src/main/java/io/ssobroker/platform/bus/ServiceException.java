package io.ssobroker.platform.bus;

import io.ssobroker.platform.connector.DefinitionException;
import java.util.Optional;

/**
 * An expected failure of a service request: data, not a crash, so it carries no stack trace. A refusal of one field of
 * the request names it ({@link #field()}), which the admin API answers as the problem's {@code field}; its message then
 * reads {@code field: problem}.
 */
public final class ServiceException extends RuntimeException {

  private final ServiceFailure failure;
  private final Optional<String> field;

  public ServiceException(ServiceFailure failure, String message) {
    this(failure, message, Optional.empty());
  }

  public ServiceException(ServiceFailure failure, String message, Optional<String> field) {
    super(message, null, false, false);
    this.failure = failure;
    this.field = field;
  }

  public ServiceFailure failure() {
    return failure;
  }

  /** The request field this failure is about, when it is about one. */
  public Optional<String> field() {
    return field;
  }

  public static ServiceException invalid(String message) {
    return new ServiceException(ServiceFailure.INVALID_REQUEST, message);
  }

  /** A refusal of one field: {@code invalid("slug", "must be lowercase")} reads {@code slug: must be lowercase}. */
  public static ServiceException invalid(String field, String problem) {
    return new ServiceException(ServiceFailure.INVALID_REQUEST, field + ": " + problem, Optional.of(field));
  }

  /** A definition's refusal of one of its fields, as a request's. */
  public static ServiceException invalid(DefinitionException refused) {
    return invalid(refused.path(), refused.problem());
  }

  public static ServiceException conflict(String message) {
    return new ServiceException(ServiceFailure.CONFLICT, message);
  }

  /** A conflict over one field's value (an email or slug already taken). */
  public static ServiceException conflict(String field, String problem) {
    return new ServiceException(ServiceFailure.CONFLICT, field + ": " + problem, Optional.of(field));
  }

  public static ServiceException forbidden(String message) {
    return new ServiceException(ServiceFailure.FORBIDDEN, message);
  }

  public static ServiceException notFound(String message) {
    return new ServiceException(ServiceFailure.NOT_FOUND, message);
  }

  /** Nothing found for one field's value: {@code notFound("org", "no org acme")}. */
  public static ServiceException notFound(String field, String problem) {
    return new ServiceException(ServiceFailure.NOT_FOUND, field + ": " + problem, Optional.of(field));
  }
}
