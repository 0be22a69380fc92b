package io.ssobroker.app.console.view;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A product client as the console shows it, and its values as its form holds them (a list one per line). */
public record ClientRow(String clientId, String name, String type, List<String> redirectUris,
    List<String> allowedOrgs, boolean fromFile) {

  /** The fields of a client's form, as the admin API names them. */
  public static final List<String> FORM_FIELDS = List.of("clientId", "name", "type", "redirectUris",
      "postLogoutRedirectUris", "backchannelLogoutUri", "allowedOrgs", "idTokenLifetime", "accessTokenLifetime",
      "accessTokenAudience", "idTokenSigningAlg", "refreshTokens", "refreshTokenLifetime");

  public static ClientRow of(JsonObject client) {
    return new ClientRow(client.getString("clientId"), client.getString("name"), client.getString("type"),
        strings(client.getJsonArray("redirectUris")), strings(client.getJsonArray("allowedOrgs")),
        "file".equals(client.getString("source")));
  }

  public boolean confidential() {
    return type.equals("confidential");
  }

  /** The client's values as the fields of its form. */
  public static Map<String, String> formValues(JsonObject client) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("clientId", client.getString("clientId", ""));
    values.put("name", client.getString("name", ""));
    values.put("type", client.getString("type", "confidential"));
    values.put("redirectUris", String.join("\n", strings(client.getJsonArray("redirectUris"))));
    values.put("postLogoutRedirectUris", String.join("\n", strings(client.getJsonArray("postLogoutRedirectUris"))));
    values.put("backchannelLogoutUri", client.getString("backchannelLogoutUri", ""));
    values.put("allowedOrgs", String.join(" ", strings(client.getJsonArray("allowedOrgs"))));
    values.put("idTokenLifetime", client.getString("idTokenLifetime", ""));
    values.put("accessTokenLifetime", client.getString("accessTokenLifetime", ""));
    values.put("accessTokenAudience", client.getString("accessTokenAudience", ""));
    values.put("idTokenSigningAlg", client.getString("idTokenSigningAlg", "ES256"));
    values.put("refreshTokens", client.getBoolean("refreshTokens", true) ? "on" : "");
    values.put("refreshTokenLifetime", client.getString("refreshTokenLifetime", ""));
    return values;
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
