package io.ssobroker.platform.registry;

import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Which connector is active for this email domain? The domain is compared in lower case. */
public record ConnectorForDomainRequest(String domain) {

  private static final int MAX_DOMAIN_LENGTH = 253;

  public ConnectorForDomainRequest {
    if (domain == null || domain.isBlank() || domain.length() > MAX_DOMAIN_LENGTH) {
      throw ServiceException.invalid("domain", "required, at most " + MAX_DOMAIN_LENGTH + " characters");
    }
    domain = domain.trim().toLowerCase(Locale.ROOT);
  }

  public JsonObject toJson() {
    return new JsonObject().put("domain", domain);
  }

  public static ConnectorForDomainRequest fromJson(JsonObject json) {
    return new ConnectorForDomainRequest(json.getString("domain"));
  }
}
