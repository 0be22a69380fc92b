package io.ssobroker.platform.admin;

import io.ssobroker.platform.bus.ServiceFailure;
import java.time.Duration;

/**
 * Event-bus addresses behind the admin API. The gateway on the admin port authenticates the caller, then sends an
 * {@link AdminRequest}; the owning service checks what the actor may do and answers JSON, or fails with a
 * {@link io.ssobroker.platform.bus.ServiceFailure} whose message starts with the offending field when there is one.
 */
public final class AdminContract {

  /** An admin token as {@link #AUTHENTICATE} asks about it: the base64 of its SHA-256, never the token. */
  public static String tokenHash(String token) {
    return java.util.Base64.getEncoder().encodeToString(io.ssobroker.platform.Tokens.sha256(token));
  }

  /** Request {@code {"tokenHash": base64}} ({@link #tokenHash}); reply {@link AdminActor}, or UNAUTHENTICATED. */
  public static final String AUTHENTICATE = "sso.registry.authenticateAdmin.v1";

  public static final String CREATE_TOKEN = "sso.registry.createAdminToken.v1";
  public static final String LIST_TOKENS = "sso.registry.listAdminTokens.v1";
  public static final String REVOKE_TOKEN = "sso.registry.revokeAdminToken.v1";

  public static final String CREATE_ORG = "sso.registry.createOrg.v1";
  public static final String LIST_ORGS = "sso.registry.listOrgs.v1";
  public static final String GET_ORG = "sso.registry.getOrg.v1";
  public static final String UPDATE_ORG = "sso.registry.updateOrg.v1";
  public static final String DELETE_ORG = "sso.registry.deleteOrg.v1";

  public static final String CREATE_CONNECTOR = "sso.registry.createConnector.v1";
  public static final String LIST_CONNECTORS = "sso.registry.listConnectors.v1";
  public static final String GET_CONNECTOR = "sso.registry.getConnector.v1";
  public static final String UPDATE_CONNECTOR = "sso.registry.updateConnector.v1";
  public static final String DELETE_CONNECTOR = "sso.registry.deleteConnector.v1";

  public static final String ACTIVATE_CONNECTOR = "sso.registry.activateConnector.v1";
  public static final String TEST_CONNECTOR = "sso.registry.testConnector.v1";

  public static final String CLAIM_DOMAIN = "sso.registry.claimDomain.v1";
  public static final String LIST_DOMAINS = "sso.registry.listDomains.v1";
  public static final String GET_DOMAIN = "sso.registry.getDomain.v1";
  public static final String DELETE_DOMAIN = "sso.registry.deleteDomain.v1";
  public static final String VERIFY_DOMAIN = "sso.registry.verifyDomain.v1";

  public static final String EXPIRING_CONNECTORS = "sso.registry.expiringConnectors.v1";

  /**
   * Setup links of an org: a platform admin (or the org's admin) creates one for the customer's IT admin, who opens it
   * once in the console and may then set up and test that org's connectors and domains, nothing else. The link's
   * secret is answered once, at creation; only its hash is kept.
   */
  public static final String CREATE_SETUP_LINK = "sso.registry.createSetupLink.v1";
  public static final String LIST_SETUP_LINKS = "sso.registry.listSetupLinks.v1";
  public static final String REVOKE_SETUP_LINK = "sso.registry.revokeSetupLink.v1";
  /**
   * Not routed from the admin API; the console asks it when the link is opened: {@code {"linkHash", "sessionHash"}}
   * (both {@link #tokenHash}). Marks the link used and binds it to the console session, whose hash then authenticates
   * through {@link #AUTHENTICATE} as the link's {@link AdminActor} until the link expires or is revoked. Reply
   * {@link AdminActor}; CONFLICT for a used link, NOT_FOUND for an unknown, expired or revoked one.
   */
  public static final String REDEEM_SETUP_LINK = "sso.registry.redeemSetupLink.v1";

  /** Product clients of the broker's OpenID Provider, platform admins only; a new secret is answered once. */
  public static final String CREATE_CLIENT = "sso.registry.createClient.v1";
  public static final String LIST_CLIENTS = "sso.registry.listClients.v1";
  public static final String GET_CLIENT = "sso.registry.getClient.v1";
  public static final String UPDATE_CLIENT = "sso.registry.updateClient.v1";
  public static final String DELETE_CLIENT = "sso.registry.deleteClient.v1";
  public static final String ROTATE_CLIENT_SECRET = "sso.registry.rotateClientSecret.v1";

  public static final String CREATE_USER = "sso.directory.createUser.v1";
  public static final String LIST_USERS = "sso.directory.listUsers.v1";
  public static final String GET_USER = "sso.directory.getUser.v1";
  public static final String UPDATE_USER = "sso.directory.updateUser.v1";
  public static final String DELETE_USER = "sso.directory.deleteUser.v1";
  /** Platform admins only: {@code {"org": target}}; the user's keys are revoked and sessions ended. */
  public static final String MOVE_USER = "sso.directory.moveUser.v1";
  /**
   * Not routed from the admin API: the registry asks it while a platform admin deletes an org. Deletes every user of
   * the org as {@link #DELETE_USER} does (keys revoked, sessions ended, one event each), a batch per transaction;
   * answers {@code {"deleted": n}}.
   */
  public static final String DELETE_ORG_USERS = "sso.directory.deleteOrgUsers.v1";

  /** How long the gateway waits for {@link #DELETE_ORG}, which deletes the org's users first. */
  public static final Duration ORG_DELETION_TIMEOUT = Duration.ofMinutes(5);
  /** How long an admin caller waits for an address that may take longer than the event bus's usual timeout. */
  public static java.util.Optional<Duration> timeoutOf(String address) {
    return address.equals(DELETE_ORG) ? java.util.Optional.of(ORG_DELETION_TIMEOUT) : java.util.Optional.empty();
  }

  /** How long the registry waits for {@link #DELETE_ORG_USERS}: within {@link #ORG_DELETION_TIMEOUT}. */
  public static final Duration ORG_USERS_DELETION_TIMEOUT = Duration.ofMinutes(4);

  /**
   * A bulk import is streamed as begin, chunks of lines, then finish (or abort): the user directory's
   * {@code io.ssobroker.directory.imports.UserImportContract} describes the messages.
   */
  public static final String BEGIN_USER_IMPORT = "sso.directory.beginUserImport.v1";
  public static final String USER_IMPORT_CHUNK = "sso.directory.userImportChunk.v1";
  public static final String FINISH_USER_IMPORT = "sso.directory.finishUserImport.v1";
  public static final String ABORT_USER_IMPORT = "sso.directory.abortUserImport.v1";

  /** Params {@code format} (csv, jsonl) and {@code cursor}; reply {@code {"text": lines, "next": cursor or null}}. */
  public static final String EXPORT_USERS_PAGE = "sso.directory.exportUsersPage.v1";

  /** Request {@link AdminRequest} with body {@code {"key"}}; reply {@code {"active", "userId", "org", "expiresAt"}}. */
  public static final String INTROSPECT_API_KEY = "sso.directory.introspectApiKey.v1";

  /**
   * Served by the audit log: {@link AdminRequest} whose params are the query ({@code org, type, category, from, to,
   * limit, cursor}); reply {@code {"items": [event...], "next": cursor or null}}, newest first.
   */
  public static final String QUERY_AUDIT = "sso.audit.queryEvents.v1";

  /** Served by the edge, which speaks to IdPs: {@link AdminRequest} with {@code org} and {@code id}. */
  public static final String CHECK_CONNECTOR = "sso.edge.checkConnector.v1";

  /** The OpenID Provider's signing keys: publishes a new next key and makes the next one sign (platform admins). */
  public static final String ROTATE_SIGNING_KEYS = "sso.edge.rotateSigningKeys.v1";

  /**
   * Served by the edge, which keeps the broker sessions: ends every session of the user {@code id} (with back-channel
   * logout to the products that hold tokens from them); platform admins, or the admins of the user's org.
   */
  public static final String END_USER_SESSIONS = "sso.edge.endUserSessions.v1";

  /** Served by the edge: the live sessions of {@code org} (optionally of the user {@code user}), with their clients. */
  public static final String LIST_SESSIONS = "sso.edge.listSessions.v1";

  /** What the holder of a setup link may ask: its org, and setting up and testing its connectors and domains. */
  public static final java.util.Set<String> SETUP_LINK_ADDRESSES = java.util.Set.of(GET_ORG, LIST_CONNECTORS,
      GET_CONNECTOR, CREATE_CONNECTOR, UPDATE_CONNECTOR, CHECK_CONNECTOR, TEST_CONNECTOR, ACTIVATE_CONNECTOR,
      LIST_DOMAINS, GET_DOMAIN, CLAIM_DOMAIN, VERIFY_DOMAIN);

  private AdminContract() {}
}
