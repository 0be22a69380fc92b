package io.ssobroker.edge.internal.state;

import io.ssobroker.edge.internal.connector.LoginSecrets;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a login carries from its start to the callback, sealed inside the {@code state} parameter: which connector,
 * the nonce and PKCE verifier sent to the IdP, where to go afterwards (a path or origin of {@code return_to}, or the
 * product whose authorization request it answers), when it began and which browser began it.
 */
public record LoginState(
    UUID stateId,
    String org,
    UUID connectorId,
    String nonce,
    String pkceVerifier,
    Optional<String> returnTo,
    Instant issuedAt,
    String browserBinding,
    Optional<PendingAuthorization> authorization) {

  /** A login of the broker's own, not begun by a product's authorization request. */
  public LoginState(UUID stateId, String org, UUID connectorId, String nonce, String pkceVerifier,
      Optional<String> returnTo, Instant issuedAt, String browserBinding) {
    this(stateId, org, connectorId, nonce, pkceVerifier, returnTo, issuedAt, browserBinding, Optional.empty());
  }

  /** What the IdP's answer must match (the nonce or request id), and the PKCE verifier. */
  public LoginSecrets secrets() {
    return new LoginSecrets(nonce, pkceVerifier);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("v", 1)
        .put("sid", stateId.toString())
        .put("org", org)
        .put("cid", connectorId.toString())
        .put("n", nonce)
        .put("pv", pkceVerifier)
        .put("iat", issuedAt.getEpochSecond())
        .put("bb", browserBinding);
    returnTo.ifPresent(target -> json.put("rt", target));
    authorization.ifPresent(pending -> json.put("az", pending.toJson()));
    return json;
  }

  static LoginState fromJson(JsonObject json) {
    return new LoginState(
        UUID.fromString(json.getString("sid")),
        json.getString("org"),
        UUID.fromString(json.getString("cid")),
        json.getString("n"),
        json.getString("pv"),
        Optional.ofNullable(json.getString("rt")),
        Instant.ofEpochSecond(json.getLong("iat")),
        json.getString("bb"),
        Optional.ofNullable(json.getJsonObject("az")).map(PendingAuthorization::fromJson));
  }
}
