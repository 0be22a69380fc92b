package io.ssobroker.directory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The API key requests as {@link ApiKeyHandlers} reads them, checked, and the answers of {@link ApiKeyService}. */
final class ApiKeyRequests {

  private ApiKeyRequests() {}

  /** For the signed-in user of {@code org}. */
  record NewApiKey(UUID userId, String org, String name, Optional<Instant> expiresAt, ClientInfo client) {}

  /** The key, shown once, and what is kept of it. */
  record CreatedApiKey(ApiKey stored, String key) {}

  /** One of the user's own keys. */
  record KeyRevocation(UUID userId, String org, UUID keyId, ClientInfo client) {}

  /** A key not revoked, and whether it works now. */
  record ListedApiKey(ApiKey key, boolean active) {}

  /** What introspection tells of a key: whether it works, and then whose it is. */
  record Introspection(boolean active, Optional<ApiKeyRepository.KeyHolder> holder) {

    static Introspection inactive() {
      return new Introspection(false, Optional.empty());
    }
  }
}
