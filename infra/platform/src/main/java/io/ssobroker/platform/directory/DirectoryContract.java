package io.ssobroker.platform.directory;

/** Event-bus addresses served by the user directory. */
public final class DirectoryContract {

  /** Request {@link UserByEmailRequest}; reply {@link DirectoryUser}, or NOT_FOUND. */
  public static final String USER_BY_EMAIL = "sso.directory.userByEmail.v1";

  /** Request {@code {"id"}}; reply {@link DirectoryUser}, or NOT_FOUND. */
  public static final String USER_BY_ID = "sso.directory.userById.v1";

  /**
   * Request {@code {"userId"}}: reply the {@code AdminActor} of that user when they are active with the admin role of
   * their org (they may sign in to the console through the broker and manage that org), or NOT_FOUND.
   */
  public static final String CONSOLE_ADMIN = "sso.directory.consoleAdmin.v1";

  /**
   * Published after a user was disabled, deleted, moved to another org or given another email: {@code {"userId"}}.
   * Edges end that user's sessions at once (and check the user on every session use, which covers a lost notice).
   */
  public static final String USER_CHANGED = "sso.directory.userChanged.v1";

  /** Published after an API key was revoked by its user: {@code {"userId"}}. Introspection caches empty at once. */
  public static final String API_KEY_REVOKED = "sso.directory.apiKeyRevoked.v1";

  /**
   * API keys of a signed-in user, asked by the edge on the user's behalf. Requests carry {@code userId} and
   * {@code org} of the session and {@code client} ({@code ip}, {@code userAgent}) for the audit event.
   * Create: {@code {"name", "expiresAt"?}} answers {@code {"id", "name", "key", "expiresAt", "createdAt"}}, the only
   * time the key is seen. List answers {@code {"items": [...]}} without secrets. Revoke takes {@code id}.
   */
  public static final String CREATE_API_KEY = "sso.directory.createApiKey.v1";
  public static final String LIST_API_KEYS = "sso.directory.listApiKeys.v1";
  public static final String REVOKE_API_KEY = "sso.directory.revokeApiKey.v1";

  /**
   * A user's API key as a product's backend presents it, asked by the edge's introspection endpoint for an
   * authenticated product client (which then sees only keys of the orgs it allows): {@code {"key"}} answers {@code
   * {"active", "userId"?, "org"?, "expiresAt"?}}, {@code active: false} for an unknown, revoked or expired key.
   */
  public static final String INTROSPECT_API_KEY = "sso.directory.introspectApiKeyForProduct.v1";

  /** How every user's API key begins, so that other services tell a key from a token without asking. */
  public static final String API_KEY_PREFIX = "ssok_";

  private DirectoryContract() {}
}
