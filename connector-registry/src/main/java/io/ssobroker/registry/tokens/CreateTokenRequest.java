package io.ssobroker.registry.tokens;

import io.ssobroker.platform.admin.AdminScope;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /admin/v1/tokens}: a token for {@code org}, with the scopes listed in that order, or (empty) the
 * creator's own.
 */
public record CreateTokenRequest(String org, String name, Optional<List<AdminScope>> scopes) {

  public CreateTokenRequest {
    scopes = scopes.map(List::copyOf);
  }
}
