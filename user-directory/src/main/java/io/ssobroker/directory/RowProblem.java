package io.ssobroker.directory;

/** What is wrong with one field of a user row: data for an error report, so it carries no stack trace. */
final class RowProblem extends RuntimeException {

  private final String field;

  RowProblem(String field, String problem) {
    super(problem, null, false, false);
    this.field = field;
  }

  /** The offending field, or null when the row as a whole is malformed. */
  String field() {
    return field;
  }

  /** {@code field: problem}, the form every error message of the admin API takes. */
  String describe() {
    return field == null ? getMessage() : field + ": " + getMessage();
  }
}
