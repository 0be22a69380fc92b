package io.ssobroker.platform.bus;

/** An expected failure of a service request: data, not a crash, so it carries no stack trace. */
public final class ServiceException extends RuntimeException {

  private final ServiceFailure failure;

  public ServiceException(ServiceFailure failure, String message) {
    super(message, null, false, false);
    this.failure = failure;
  }

  public ServiceFailure failure() {
    return failure;
  }

  public static ServiceException invalid(String message) {
    return new ServiceException(ServiceFailure.INVALID_REQUEST, message);
  }

  public static ServiceException conflict(String message) {
    return new ServiceException(ServiceFailure.CONFLICT, message);
  }

  public static ServiceException forbidden(String message) {
    return new ServiceException(ServiceFailure.FORBIDDEN, message);
  }

  public static ServiceException notFound(String message) {
    return new ServiceException(ServiceFailure.NOT_FOUND, message);
  }
}
