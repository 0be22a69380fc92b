package io.ssobroker.edge.internal.state;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A product's authorization request, checked at {@code /oauth2/authorize} and carried sealed through the broker's own
 * login (the email page, the IdP, the callback) to where the login ends: with an authorization code for this client,
 * sent to this redirect URI.
 *
 * @param state the client's {@code state}, echoed back
 * @param nonce the client's {@code nonce}, put into the ID token
 * @param codeChallenge the PKCE S256 challenge the code is bound to
 * @param forceLogin {@code prompt=login}, or a {@code max_age} the broker session is older than: a fresh IdP login
 * @param maxAge the client's {@code max_age} in seconds
 */
public record PendingAuthorization(
    String clientId,
    String redirectUri,
    String scope,
    Optional<String> state,
    Optional<String> nonce,
    Optional<String> codeChallenge,
    boolean forceLogin,
    Optional<Long> maxAge,
    Instant requestedAt) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("c", clientId).put("r", redirectUri).put("s", scope)
        .put("t", requestedAt.getEpochSecond());
    state.ifPresent(value -> json.put("st", value));
    nonce.ifPresent(value -> json.put("n", value));
    codeChallenge.ifPresent(value -> json.put("cc", value));
    maxAge.ifPresent(value -> json.put("ma", value));
    if (forceLogin) {
      json.put("fl", true);
    }
    return json;
  }

  public static PendingAuthorization fromJson(JsonObject json) {
    return new PendingAuthorization(json.getString("c"), json.getString("r"), json.getString("s"),
        Optional.ofNullable(json.getString("st")), Optional.ofNullable(json.getString("n")),
        Optional.ofNullable(json.getString("cc")), json.getBoolean("fl", false), Optional.ofNullable(json.getLong("ma")),
        Instant.ofEpochSecond(json.getLong("t")));
  }
}
