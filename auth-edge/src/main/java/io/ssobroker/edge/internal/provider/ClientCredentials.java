package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.client.ClientType;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Who is calling the token, introspection or revocation endpoint: a confidential client proves itself with its secret
 * ({@code client_secret_basic} or {@code client_secret_post}); a public client names itself and has no secret. Fails
 * with a {@link GrantRefused}.
 */
final class ClientCredentials {

  private final CachedRegistry registry;

  ClientCredentials(CachedRegistry registry) {
    this.registry = registry;
  }

  /** The client id a request names, in its authentication or (a public client) its {@code client_id} parameter. */
  static Optional<String> clientIdOf(ClientAuthentication authentication, ClientID named) {
    return Optional.ofNullable(authentication).map(ClientAuthentication::getClientID)
        .or(() -> Optional.ofNullable(named)).map(ClientID::getValue);
  }

  /** {@code publicAllowed}: whether a public client may call at all (it may not introspect). */
  Future<ClientDescriptor> authenticate(ClientAuthentication authentication, ClientID named, boolean publicAllowed) {
    Optional<String> clientId = clientIdOf(authentication, named);
    if (clientId.isEmpty()) {
      return refuse(authentication == null && !publicAllowed ? TokenRefusal.CLIENT_AUTHENTICATION_REQUIRED
          : TokenRefusal.MALFORMED_REQUEST);
    }
    if (!ClientDefinition.isValidClientId(clientId.get())) {
      return refuse(TokenRefusal.UNKNOWN_CLIENT);
    }
    return registry.clientById(clientId.get())
        .recover(unavailable -> refuse(TokenRefusal.UNAVAILABLE))
        .compose(found -> found.isEmpty() ? refuse(TokenRefusal.UNKNOWN_CLIENT)
            : check(found.get(), authentication, publicAllowed));
  }

  private static Future<ClientDescriptor> check(ClientDescriptor client, ClientAuthentication authentication,
      boolean publicAllowed) {
    if (client.type() == ClientType.PUBLIC) {
      if (authentication != null) {
        return refuse(TokenRefusal.PUBLIC_CLIENT_WITH_SECRET);
      }
      return publicAllowed ? Future.succeededFuture(client) : refuse(TokenRefusal.PUBLIC_CLIENT_NOT_ALLOWED);
    }
    if (!(authentication instanceof PlainClientSecret secret)) {
      return refuse(TokenRefusal.CLIENT_AUTHENTICATION_REQUIRED);
    }
    if (!client.secretMatches(secret.getClientSecret().getValue())) {
      return refuse(TokenRefusal.CLIENT_AUTHENTICATION_FAILED);
    }
    return Future.succeededFuture(client);
  }

  private static <T> Future<T> refuse(TokenRefusal refusal) {
    return Future.failedFuture(new GrantRefused(refusal));
  }
}
