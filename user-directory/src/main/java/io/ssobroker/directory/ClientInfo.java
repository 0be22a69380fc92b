package io.ssobroker.directory;

import io.vertx.core.json.JsonObject;

/** Who sent a request on a user's behalf (from the edge), for the audit event; admin changes have none. */
record ClientInfo(String ip, String userAgent) {

  static final ClientInfo ADMIN_API = new ClientInfo(null, null);

  static ClientInfo fromJson(JsonObject json) {
    return json == null ? ADMIN_API : new ClientInfo(json.getString("ip"), json.getString("userAgent"));
  }
}
