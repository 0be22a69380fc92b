package io.ssobroker.platform.directory;

/** Event-bus addresses served by the user directory. */
public final class DirectoryContract {

  /** Request {@link UserByEmailRequest}; reply {@link DirectoryUser}, or NOT_FOUND. */
  public static final String USER_BY_EMAIL = "sso.directory.userByEmail.v1";

  private DirectoryContract() {}
}
