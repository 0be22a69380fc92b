package io.ssobroker.platform.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Arrays;

/**
 * Why a service could not answer an event-bus request. The code travels as the failure code of the reply; names can
 * change, codes cannot. HTTP status is what an HTTP edge answers for it.
 */
public enum ServiceFailure {
  INVALID_REQUEST(400, 400),
  UNAUTHENTICATED(401, 401),
  FORBIDDEN(403, 403),
  NOT_FOUND(404, 404),
  CONFLICT(409, 409),
  UNAVAILABLE(503, 503),
  TIMEOUT(504, 504),
  INTERNAL(500, 500);

  private final int code;
  private final int httpStatus;

  ServiceFailure(int code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Retrying later may succeed. */
  public boolean retriable() {
    return this == UNAVAILABLE || this == TIMEOUT;
  }

  public static ServiceFailure ofCode(int code) {
    return Arrays.stream(values()).filter(f -> f.code == code).findFirst().orElse(INTERNAL);
  }

  public static ServiceFailure of(Throwable failure) {
    if (failure instanceof ServiceException serviceException) {
      return serviceException.failure();
    }
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return TIMEOUT;
      }
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return UNAVAILABLE;
      }
      if (reply.failureType() == ReplyFailure.ERROR) {
        // the message never reached a handler: the connection to the process listed for it failed
        return UNAVAILABLE;
      }
      return ofCode(reply.failureCode());
    }
    return INTERNAL;
  }
}
