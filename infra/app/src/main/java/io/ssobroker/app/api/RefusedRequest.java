package io.ssobroker.app.api;

import java.util.Optional;

/** A request the OpenAPI document does not allow: the status to answer, what is wrong, and which field. */
public final class RefusedRequest extends RuntimeException {

  private final int status;
  private final Optional<String> field;

  RefusedRequest(int status, String detail, Optional<String> field) {
    super(detail, null, false, false);
    this.status = status;
    this.field = field;
  }

  public int status() {
    return status;
  }

  public String detail() {
    return getMessage();
  }

  public Optional<String> field() {
    return field;
  }
}
