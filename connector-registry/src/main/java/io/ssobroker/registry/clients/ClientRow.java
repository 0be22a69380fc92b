package io.ssobroker.registry.clients;

import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.client.ClientDefinition.SigningAlgorithm;
import io.ssobroker.platform.client.ClientType;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A stored client: its definition, the hash of its secret, where it comes from. */
public record ClientRow(ClientDefinition definition, Optional<byte[]> secretHash, String source) {

  static ClientRow of(Row row) {
    Buffer hash = row.getBuffer("secret_hash");
    ClientDefinition definition = new ClientDefinition(
        Optional.of(row.getString("client_id")),
        row.getString("name"),
        ClientType.parse(row.getString("client_type")).orElseThrow(),
        uris(row.getArrayOfStrings("redirect_uris")),
        uris(row.getArrayOfStrings("post_logout_redirect_uris")),
        Optional.ofNullable(row.getString("backchannel_logout_uri")).map(URI::create),
        List.of(row.getArrayOfStrings("allowed_orgs")),
        Duration.ofSeconds(row.getInteger("id_token_lifetime_seconds")),
        Duration.ofSeconds(row.getInteger("access_token_lifetime_seconds")),
        row.getBoolean("refresh_tokens"),
        Duration.ofSeconds(row.getInteger("refresh_token_lifetime_seconds")),
        Optional.ofNullable(row.getString("access_token_audience")),
        SigningAlgorithm.valueOf(row.getString("id_token_signing_alg")),
        Optional.empty());
    return new ClientRow(definition, Optional.ofNullable(hash).map(Buffer::getBytes), row.getString("source"));
  }

  String clientId() {
    return definition.clientId().orElseThrow();
  }

  /** As the admin API shows it: never the secret nor its hash. */
  JsonObject toJson() {
    return definition.toJson().put("source", source);
  }

  /** As the edge gets it. */
  ClientDescriptor descriptor() {
    return new ClientDescriptor(clientId(), definition.name(), definition.type(),
        secretHash.map(hash -> Base64.getEncoder().encodeToString(hash)), definition.redirectUris(),
        definition.postLogoutRedirectUris(), definition.backchannelLogoutUri(), definition.allowedOrgs(),
        definition.idTokenLifetime(), definition.accessTokenLifetime(), definition.refreshTokens(),
        definition.refreshTokenLifetime(),
        definition.accessTokenAudience().orElse(clientId()), definition.idTokenSigningAlgorithm());
  }

  private static List<URI> uris(String[] values) {
    return values == null ? List.of() : java.util.Arrays.stream(values).map(URI::create).toList();
  }
}
