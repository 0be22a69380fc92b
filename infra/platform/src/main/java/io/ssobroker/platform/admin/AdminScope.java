package io.ssobroker.platform.admin;

import static io.ssobroker.platform.admin.AdminContract.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an admin token may do, besides which org it may do it to. Each admin address needs one scope
 * ({@link #requiredFor}); the admin API's OpenAPI document names the same scope on each operation. A token made
 * without a list of scopes has all of them, as every token made before scopes existed does.
 */
public enum AdminScope {
  TOKENS_READ("tokens:read"),
  TOKENS_WRITE("tokens:write"),
  ORGS_READ("orgs:read"),
  ORGS_WRITE("orgs:write"),
  DOMAINS_READ("domains:read"),
  DOMAINS_WRITE("domains:write"),
  CONNECTORS_READ("connectors:read"),
  CONNECTORS_WRITE("connectors:write"),
  USERS_READ("users:read"),
  USERS_WRITE("users:write"),
  AUDIT_READ("audit:read"),
  API_KEYS_INTROSPECT("api-keys:introspect"),
  CLIENTS_READ("clients:read"),
  CLIENTS_WRITE("clients:write"),
  SIGNING_KEYS_ROTATE("signing-keys:rotate");

  /** Every scope: a token made without a list, a platform admin's first token, a directory admin in the console. */
  public static final Set<AdminScope> ALL = Set.copyOf(EnumSet.allOf(AdminScope.class));

  /** A setup link's: reading its org, and setting up its connectors and domains ({@link AdminContract#SETUP_LINK_ADDRESSES}). */
  public static final Set<AdminScope> SETUP_LINK = Set.copyOf(EnumSet.of(ORGS_READ, DOMAINS_READ, DOMAINS_WRITE,
      CONNECTORS_READ, CONNECTORS_WRITE));

  private static final Map<String, AdminScope> REQUIRED = Map.ofEntries(
      Map.entry(CREATE_TOKEN, TOKENS_WRITE), Map.entry(LIST_TOKENS, TOKENS_READ), Map.entry(REVOKE_TOKEN, TOKENS_WRITE),
      Map.entry(CREATE_ORG, ORGS_WRITE), Map.entry(LIST_ORGS, ORGS_READ), Map.entry(GET_ORG, ORGS_READ),
      Map.entry(UPDATE_ORG, ORGS_WRITE), Map.entry(DELETE_ORG, ORGS_WRITE), Map.entry(DELETE_ORG_USERS, ORGS_WRITE),
      Map.entry(CREATE_SETUP_LINK, ORGS_WRITE), Map.entry(LIST_SETUP_LINKS, ORGS_READ),
      Map.entry(REVOKE_SETUP_LINK, ORGS_WRITE),
      Map.entry(CLAIM_DOMAIN, DOMAINS_WRITE), Map.entry(LIST_DOMAINS, DOMAINS_READ), Map.entry(GET_DOMAIN, DOMAINS_READ),
      Map.entry(DELETE_DOMAIN, DOMAINS_WRITE), Map.entry(VERIFY_DOMAIN, DOMAINS_WRITE),
      Map.entry(CREATE_CONNECTOR, CONNECTORS_WRITE), Map.entry(LIST_CONNECTORS, CONNECTORS_READ),
      Map.entry(GET_CONNECTOR, CONNECTORS_READ), Map.entry(UPDATE_CONNECTOR, CONNECTORS_WRITE),
      Map.entry(DELETE_CONNECTOR, CONNECTORS_WRITE), Map.entry(ACTIVATE_CONNECTOR, CONNECTORS_WRITE),
      Map.entry(TEST_CONNECTOR, CONNECTORS_WRITE), Map.entry(CHECK_CONNECTOR, CONNECTORS_WRITE),
      Map.entry(EXPIRING_CONNECTORS, CONNECTORS_READ),
      Map.entry(CREATE_USER, USERS_WRITE), Map.entry(LIST_USERS, USERS_READ), Map.entry(GET_USER, USERS_READ),
      Map.entry(UPDATE_USER, USERS_WRITE), Map.entry(DELETE_USER, USERS_WRITE), Map.entry(MOVE_USER, USERS_WRITE),
      Map.entry(BEGIN_USER_IMPORT, USERS_WRITE), Map.entry(USER_IMPORT_CHUNK, USERS_WRITE),
      Map.entry(FINISH_USER_IMPORT, USERS_WRITE), Map.entry(ABORT_USER_IMPORT, USERS_WRITE),
      Map.entry(EXPORT_USERS_PAGE, USERS_READ), Map.entry(LIST_SESSIONS, USERS_READ),
      Map.entry(END_USER_SESSIONS, USERS_WRITE),
      Map.entry(QUERY_AUDIT, AUDIT_READ), Map.entry(INTROSPECT_API_KEY, API_KEYS_INTROSPECT),
      Map.entry(CREATE_CLIENT, CLIENTS_WRITE), Map.entry(LIST_CLIENTS, CLIENTS_READ), Map.entry(GET_CLIENT, CLIENTS_READ),
      Map.entry(UPDATE_CLIENT, CLIENTS_WRITE), Map.entry(DELETE_CLIENT, CLIENTS_WRITE),
      Map.entry(ROTATE_CLIENT_SECRET, CLIENTS_WRITE), Map.entry(ROTATE_SIGNING_KEYS, SIGNING_KEYS_ROTATE));

  private final String text;

  AdminScope(String text) {
    this.text = text;
  }

  /** The scope as tokens, the API and the OpenAPI document spell it: {@code users:write}. */
  public String text() {
    return text;
  }

  public static Optional<AdminScope> parse(String text) {
    return Arrays.stream(values()).filter(scope -> scope.text.equals(text)).findFirst();
  }

  /** The scope an admin address needs; empty for an address no admin actor asks (authentication, say). */
  public static Optional<AdminScope> requiredFor(String address) {
    return Optional.ofNullable(REQUIRED.get(address));
  }

  /** Every admin address that needs a scope: each must be an operation of the admin API or the console. */
  public static Set<String> scopedAddresses() {
    return REQUIRED.keySet();
  }

  public static String describe(Set<AdminScope> scopes) {
    return scopes.stream().sorted().map(AdminScope::text).collect(Collectors.joining(", "));
  }
}
