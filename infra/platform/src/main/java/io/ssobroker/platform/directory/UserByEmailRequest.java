package io.ssobroker.platform.directory;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.json.JsonObject;

/** The directory user with this email address (compared normalized: trimmed, lower case). */
public record UserByEmailRequest(EmailAddress email) {

  public UserByEmailRequest {
    if (email == null) {
      throw ServiceException.invalid("email", "required");
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("email", email.value());
  }

  public static UserByEmailRequest fromJson(JsonObject json) {
    return new UserByEmailRequest(EmailAddress.parse(json.getString("email"))
        .orElseThrow(() -> ServiceException.invalid("email", "not an email address")));
  }
}
