package io.ssobroker.platform.client;

import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.Secret;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.ssobroker.platform.connector.SecretResolver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A product that signs users in through the broker (an OAuth 2.0 client of its OpenID Provider), as people write it in
 * the clients file or an admin API body, validated by the same rules for both. Redirect URIs are matched exactly, so
 * each is an absolute https URL (plain http for loopback hosts only, for development) without a fragment.
 */
public record ClientDefinition(
    Optional<String> clientId,
    String name,
    ClientType type,
    List<URI> redirectUris,
    List<URI> postLogoutRedirectUris,
    Optional<URI> backchannelLogoutUri,
    List<String> allowedOrgs,
    Duration idTokenLifetime,
    Duration accessTokenLifetime,
    boolean refreshTokens,
    Duration refreshTokenLifetime,
    Optional<String> accessTokenAudience,
    SigningAlgorithm idTokenSigningAlgorithm,
    Optional<Secret> clientSecret) {

  /** How the broker signs this client's tokens: ES256 (cheaper, the default) or RS256 (what every library knows). */
  public enum SigningAlgorithm { ES256, RS256 }

  public static final Duration DEFAULT_ID_TOKEN_LIFETIME = Duration.ofHours(1);
  public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);
  /** A refresh token never outlives the broker session it was issued in, whatever this says. */
  public static final Duration DEFAULT_REFRESH_TOKEN_LIFETIME = Duration.ofHours(8);
  public static final Duration MAX_REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);
  private static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
  /** The longest an ID or access token may live. */
  public static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);
  /** The test application's client, registered by the broker itself at start. */
  public static final String TEST_APP_CLIENT_ID = "sso-test-app";
  private static final String RESERVED_PREFIX = "sso-";
  private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int MAX_NAME = 100;
  private static final int MAX_URIS = 20;
  private static final int MIN_FILE_SECRET = 32;
  private static final Set<String> FIELDS = Set.of("clientId", "name", "type", "redirectUris", "postLogoutRedirectUris",
      "backchannelLogoutUri", "allowedOrgs", "idTokenLifetime", "accessTokenLifetime", "refreshTokens", "refreshTokenLifetime", "accessTokenAudience",
      "idTokenSigningAlg", "clientSecret");

  /**
   * The test application's client: public (PKCE), answered at {@code /test-app/callback} of the broker's own public
   * base URL, for every org. The registry registers it at start; nobody can change it.
   */
  public static ClientDefinition testApp(URI publicBaseUrl) {
    return new ClientDefinition(Optional.of(TEST_APP_CLIENT_ID), "Test application", ClientType.PUBLIC,
        List.of(testAppRedirectUri(publicBaseUrl)), List.of(), Optional.empty(), List.of(), DEFAULT_ID_TOKEN_LIFETIME,
        DEFAULT_ACCESS_TOKEN_LIFETIME, false, DEFAULT_REFRESH_TOKEN_LIFETIME, Optional.empty(), SigningAlgorithm.ES256,
        Optional.empty());
  }

  public static URI testAppRedirectUri(URI publicBaseUrl) {
    return URI.create(publicBaseUrl.toString().replaceAll("/+$", "") + "/test-app/callback");
  }

  /** A client of the clients file, whose id is its key and whose secret (confidential) the file gives. */
  public static ClientDefinition fromFile(String clientId, FieldReader entry, SecretResolver secrets) {
    ClientDefinition read = read(entry, secrets, true);
    clientIdProblem(clientId).ifPresent(problem -> {
      throw new DefinitionException(clientId, problem);
    });
    return read.withClientId(clientId);
  }

  /** A client of an admin API body: the broker generates its secret; its id is given or generated. */
  public static ClientDefinition fromApi(FieldReader body) {
    return read(body, SecretResolver.literal(), false);
  }

  private static ClientDefinition read(FieldReader entry, SecretResolver secrets, boolean fromFile) {
    entry.allowOnly(FIELDS);
    Optional<String> clientId = entry.optionalText("clientId");
    if (fromFile && clientId.isPresent()) {
      throw entry.error("clientId", "the client's id is its key in the file");
    }
    clientId.flatMap(ClientDefinition::clientIdProblem).ifPresent(problem -> {
      throw entry.error("clientId", problem);
    });
    String name = entry.requiredText("name");
    if (name.length() > MAX_NAME) {
      throw entry.error("name", "at most " + MAX_NAME + " characters");
    }
    ClientType type = ClientType.parse(entry.requiredText("type"))
        .orElseThrow(() -> entry.error("type", "must be confidential or public"));
    List<URI> redirectUris = uris(entry, "redirectUris");
    if (redirectUris.isEmpty()) {
      throw entry.error("redirectUris", "required: at least one redirect URI");
    }
    Optional<Secret> secret = Optional.empty();
    if (fromFile && type == ClientType.CONFIDENTIAL) {
      secret = Optional.of(secrets.resolve(entry, "clientSecret"));
      if (secret.get().value().length() < MIN_FILE_SECRET) {
        throw entry.error("clientSecret", "at least " + MIN_FILE_SECRET + " characters (32 random bytes, base64url, "
            + "have 43)");
      }
    } else if (entry.has("clientSecret")) {
      throw entry.error("clientSecret", fromFile ? "a public client has no secret"
          : "generated by the broker and shown once; it cannot be given");
    }
    return new ClientDefinition(clientId, name, type, redirectUris, uris(entry, "postLogoutRedirectUris"),
        entry.optionalText("backchannelLogoutUri").map(uri -> exactUri(entry, "backchannelLogoutUri", uri)),
        allowedOrgs(entry),
        entry.optionalDuration("idTokenLifetime", MIN_LIFETIME, MAX_TOKEN_LIFETIME).orElse(DEFAULT_ID_TOKEN_LIFETIME),
        entry.optionalDuration("accessTokenLifetime", MIN_LIFETIME, MAX_TOKEN_LIFETIME).orElse(DEFAULT_ACCESS_TOKEN_LIFETIME),
        entry.optionalBoolean("refreshTokens", true),
        entry.optionalDuration("refreshTokenLifetime", MIN_LIFETIME, MAX_REFRESH_TOKEN_LIFETIME)
            .orElse(DEFAULT_REFRESH_TOKEN_LIFETIME),
        entry.optionalText("accessTokenAudience"),
        entry.optionalText("idTokenSigningAlg").map(alg -> {
          try {
            return SigningAlgorithm.valueOf(alg);
          } catch (IllegalArgumentException unknown) {
            throw entry.error("idTokenSigningAlg", "must be ES256 or RS256");
          }
        }).orElse(SigningAlgorithm.ES256),
        secret);
  }

  /** Whether this could be a client's id: what a request's {@code client_id} is checked against before it is used. */
  public static boolean isValidClientId(String candidate) {
    return candidate != null && CLIENT_ID.matcher(candidate).matches();
  }

  private static Optional<String> clientIdProblem(String id) {
    if (!isValidClientId(id)) {
      return Optional.of("must be 1 to 64 lower-case letters, digits, dots, hyphens or underscores, starting with a "
          + "letter or digit");
    }
    return id.startsWith(RESERVED_PREFIX)
        ? Optional.of("ids starting with " + RESERVED_PREFIX + " are the broker's own (" + TEST_APP_CLIENT_ID + ")")
        : Optional.empty();
  }

  private static List<URI> uris(FieldReader entry, String field) {
    List<String> written = entry.textList(field);
    if (written.size() > MAX_URIS) {
      throw entry.error(field, "at most " + MAX_URIS);
    }
    List<URI> uris = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      URI uri = exactUri(entry, field + "[" + i + "]", written.get(i));
      if (uris.contains(uri)) {
        throw new DefinitionException(entry.path(field) + "[" + i + "]", "listed twice");
      }
      uris.add(uri);
    }
    return List.copyOf(uris);
  }

  /** An absolute URL to match exactly: https, or http on a loopback host; no fragment, no user info. */
  private static URI exactUri(FieldReader entry, String field, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean secure = scheme.equals("https") || (scheme.equals("http") && uri.getHost() != null
          && FieldReader.isLoopback(uri.getHost()));
      if (uri.getHost() != null && secure && uri.getRawFragment() == null && uri.getRawUserInfo() == null
          && text.length() <= 2048) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // reported below
    }
    throw entry.error(field, "must be an absolute https URL without a fragment (http only on a loopback host)");
  }

  private static List<String> allowedOrgs(FieldReader entry) {
    List<String> written = entry.textList("allowedOrgs");
    for (int i = 0; i < written.size(); i++) {
      if (!OrgSlug.isValid(written.get(i))) {
        throw new DefinitionException(entry.path("allowedOrgs") + "[" + i + "]", OrgSlug.describeRule());
      }
    }
    return List.copyOf(written);
  }

  public ClientDefinition withClientId(String id) {
    return new ClientDefinition(Optional.of(id), name, type, redirectUris, postLogoutRedirectUris, backchannelLogoutUri,
        allowedOrgs, idTokenLifetime, accessTokenLifetime, refreshTokens, refreshTokenLifetime, accessTokenAudience,
        idTokenSigningAlgorithm, clientSecret);
  }

  /** The client as the admin API shows it: never a secret. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("name", name)
        .put("type", type.value())
        .put("redirectUris", strings(redirectUris))
        .put("postLogoutRedirectUris", strings(postLogoutRedirectUris))
        .put("allowedOrgs", new JsonArray(allowedOrgs))
        .put("idTokenLifetime", idTokenLifetime.toString())
        .put("accessTokenLifetime", accessTokenLifetime.toString())
        .put("refreshTokens", refreshTokens)
        .put("refreshTokenLifetime", refreshTokenLifetime.toString())
        .put("idTokenSigningAlg", idTokenSigningAlgorithm.name());
    clientId.ifPresent(id -> json.put("clientId", id));
    backchannelLogoutUri.ifPresent(uri -> json.put("backchannelLogoutUri", uri.toString()));
    accessTokenAudience.ifPresent(audience -> json.put("accessTokenAudience", audience));
    return json;
  }

  private static JsonArray strings(List<URI> uris) {
    return new JsonArray(uris.stream().map(URI::toString).toList());
  }
}
