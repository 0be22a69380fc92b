package io.ssobroker.platform.registry;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.client.ClientDefinition.SigningAlgorithm;
import io.ssobroker.platform.client.ClientType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A product client as the registry hands it to the edge. A confidential client's secret travels only as its SHA-256
 * (the secret has 256 bits of its own, so the hash gives nothing away and a slow hash would cost every token request).
 */
public record ClientDescriptor(
    String clientId,
    String name,
    ClientType type,
    Optional<String> secretHash,
    List<URI> redirectUris,
    List<URI> postLogoutRedirectUris,
    Optional<URI> backchannelLogoutUri,
    List<String> allowedOrgs,
    Duration idTokenLifetime,
    Duration accessTokenLifetime,
    boolean refreshTokens,
    Duration refreshTokenLifetime,
    String accessTokenAudience,
    SigningAlgorithm idTokenSigningAlgorithm) {

  public ClientDescriptor {
    redirectUris = List.copyOf(redirectUris);
    postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
    allowedOrgs = List.copyOf(allowedOrgs);
  }

  /** The SHA-256 of a secret, as stored and compared. */
  public static String hashOf(String secret) {
    return Base64.getEncoder().encodeToString(Tokens.sha256(secret));
  }

  /** Whether this secret is the client's, compared in constant time. */
  public boolean secretMatches(String presented) {
    return secretHash.isPresent() && presented != null && MessageDigest.isEqual(
        Base64.getDecoder().decode(secretHash.get()), Tokens.sha256(presented));
  }

  public boolean allowsOrg(String org) {
    return allowedOrgs.isEmpty() || allowedOrgs.contains(org);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("clientId", clientId)
        .put("name", name)
        .put("type", type.value())
        .put("redirectUris", strings(redirectUris))
        .put("postLogoutRedirectUris", strings(postLogoutRedirectUris))
        .put("allowedOrgs", new JsonArray(allowedOrgs))
        .put("idTokenLifetime", idTokenLifetime.toString())
        .put("accessTokenLifetime", accessTokenLifetime.toString())
        .put("refreshTokens", refreshTokens)
        .put("refreshTokenLifetime", refreshTokenLifetime.toString())
        .put("accessTokenAudience", accessTokenAudience)
        .put("idTokenSigningAlg", idTokenSigningAlgorithm.name());
    secretHash.ifPresent(hash -> json.put("secretHash", hash));
    backchannelLogoutUri.ifPresent(uri -> json.put("backchannelLogoutUri", uri.toString()));
    return json;
  }

  public static ClientDescriptor fromJson(JsonObject json) {
    return new ClientDescriptor(
        json.getString("clientId"),
        json.getString("name"),
        ClientType.parse(json.getString("type")).orElseThrow(),
        Optional.ofNullable(json.getString("secretHash")),
        uris(json.getJsonArray("redirectUris")),
        uris(json.getJsonArray("postLogoutRedirectUris")),
        Optional.ofNullable(json.getString("backchannelLogoutUri")).map(URI::create),
        json.getJsonArray("allowedOrgs", new JsonArray()).stream().map(String::valueOf).toList(),
        Duration.parse(json.getString("idTokenLifetime")),
        Duration.parse(json.getString("accessTokenLifetime")),
        json.getBoolean("refreshTokens", false),
        Duration.parse(json.getString("refreshTokenLifetime",
            ClientDefinition.DEFAULT_REFRESH_TOKEN_LIFETIME.toString())),
        json.getString("accessTokenAudience"),
        SigningAlgorithm.valueOf(json.getString("idTokenSigningAlg")));
  }

  private static JsonArray strings(List<URI> uris) {
    return new JsonArray(uris.stream().map(URI::toString).toList());
  }

  private static List<URI> uris(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).map(URI::create).toList();
  }
}
