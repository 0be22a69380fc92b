package io.ssobroker.platform.connector;

/** A connector definition field that is missing or wrong; the path names it, as in {@code acme[0].parameters.clientId}. */
public final class DefinitionException extends RuntimeException {

  private final String path;
  private final String problem;

  public DefinitionException(String path, String problem) {
    super(path + ": " + problem, null, false, false);
    this.path = path;
    this.problem = problem;
  }

  public String path() {
    return path;
  }

  public String problem() {
    return problem;
  }
}
