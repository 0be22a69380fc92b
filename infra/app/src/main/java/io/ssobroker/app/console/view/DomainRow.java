package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonObject;

/** A claimed domain: verified or not, and the TXT record that verifies it. */
public record DomainRow(String domain, boolean verified, boolean fromFile, String recordName, String recordValue) {

  public static DomainRow of(JsonObject domain) {
    JsonObject record = domain.getJsonObject("verificationRecord", new JsonObject());
    return new DomainRow(domain.getString("domain"), domain.getBoolean("verified", false),
        "file".equals(domain.getString("source")), record.getString("name", ""), record.getString("value", ""));
  }
}
