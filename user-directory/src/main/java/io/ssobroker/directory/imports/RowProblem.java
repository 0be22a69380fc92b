package io.ssobroker.directory.imports;

import io.ssobroker.platform.bus.ServiceException;

/** What is wrong with one field of a user row: data for an error report, so it carries no stack trace. */
public final class RowProblem extends RuntimeException {

  private final String field;

  public RowProblem(String field, String problem) {
    super(problem, null, false, false);
    this.field = field;
  }

  /** The offending field, or null when the row as a whole is malformed. */
  public String field() {
    return field;
  }

  /** {@code field: problem}, the form every error message of the admin API takes. */
  public String describe() {
    return field == null ? getMessage() : field + ": " + getMessage();
  }

  /** The refusal of a request this row was: the field travels as data, the message reads as {@link #describe}. */
  public ServiceException refusal() {
    return field == null ? ServiceException.invalid(getMessage()) : ServiceException.invalid(field, getMessage());
  }
}
